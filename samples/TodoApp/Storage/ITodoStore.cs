using TodoApp.Todos;

namespace TodoApp.Storage;

/// <summary>Where the todo list is kept between runs.</summary>
public interface ITodoStore
{
    IReadOnlyList<TodoItem> Load();

    Task SaveAsync(IReadOnlyList<TodoItem> todos);
}
