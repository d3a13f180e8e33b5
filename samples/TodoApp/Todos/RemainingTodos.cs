namespace TodoApp.Todos;

/// <summary>
/// How many todos of the shared list are not done, for the per-connection <see cref="TodoView"/>s: the
/// <see cref="TodoList"/> publishes after each change and every view subscribes. It starts from the saved list, so a
/// view mounted before anyone mounts the list still shows the right count.
/// </summary>
public sealed class RemainingTodos(Storage.ITodoStore store)
{
    private int count = store.Load().Count(t => !t.Done);

    /// <summary>Raised with the new count whenever it changes; handlers run on the publisher's thread.</summary>
    public event Action<int>? Changed;

    /// <summary>The number of todos not done.</summary>
    public int Count => Volatile.Read(ref count);

    /// <summary>Called by the list after each change.</summary>
    public void Publish(IReadOnlyList<TodoItem> todos)
    {
        var remaining = todos.Count(t => !t.Done);
        if (Interlocked.Exchange(ref count, remaining) != remaining)
        {
            Changed?.Invoke(remaining);
        }
    }
}
