using Live;
using TodoApp.Storage;

namespace TodoApp.Todos;

/// <summary>
/// The todo list, shared live by every connection (a singleton component). Each change is saved by the
/// <see cref="ITodoStore"/>, so a restart keeps the list.
/// </summary>
[LiveComponent(Singleton = true, KeepAlive = true)]
public sealed partial class TodoList(ITodoStore store, RemainingTodos remaining) : LiveComponent<TodoListState>
{
    public const int MaxTextLength = 200;

    [PublicAction]
    public Guid Add(string text)
    {
        var item = new TodoItem(Guid.NewGuid(), CleanText(text), Done: false);
        Todos = Todos.Add(item);
        return item.Id;
    }

    [PublicAction]
    public void Toggle(Guid id)
    {
        var item = Find(id);
        Todos = Todos.Replace(item, item with { Done = !item.Done });
    }

    [PublicAction]
    public void Rename(Guid id, string text)
    {
        var item = Find(id);
        Todos = Todos.Replace(item, item with { Text = CleanText(text) });
    }

    [PublicAction]
    public void Remove(Guid id) => Todos = Todos.Remove(Find(id));

    [PublicAction]
    public int ClearCompleted()
    {
        var before = Todos.Count;
        Todos = Todos.RemoveAll(t => t.Done);
        return before - Todos.Count;
    }

    protected override TodoListState CreateInitialState() => new() { Todos = [.. store.Load()] };

    protected override Task OnStateChangedAsync(StateChangedContext context)
    {
        remaining.Publish(Todos);
        return store.SaveAsync(Todos);
    }

    private TodoItem Find(Guid id) =>
        Todos.Find(t => t.Id == id) ?? throw new KeyNotFoundException($"No todo has id {id}.");

    private static string CleanText(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.Length is 0 or > MaxTextLength)
        {
            throw new ArgumentException($"A todo needs 1 to {MaxTextLength} characters.", nameof(text));
        }

        return trimmed;
    }
}
