using System.Collections.Immutable;

namespace TodoApp.Todos;

/// <summary>The shared list every tab sees.</summary>
public sealed record TodoListState
{
    public ImmutableList<TodoItem> Todos { get; init; } = [];
}
