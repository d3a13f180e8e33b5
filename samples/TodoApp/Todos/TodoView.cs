using Live;

namespace TodoApp.Todos;

/// <summary>
/// Per-connection view state: the filter, the draft of the next todo, and how many todos remain. The count follows
/// the shared list on the server, also while the client is away: a client that resumes gets the changes it missed.
/// </summary>
[LiveComponent]
public sealed partial class TodoView(RemainingTodos remainingTodos) : LiveComponent<TodoViewState>
{
    public const string All = "all";
    public const string Active = "active";
    public const string Completed = "completed";

    [PublicAction]
    public void SetFilter(string filter)
    {
        if (filter is not (All or Active or Completed))
        {
            throw new ArgumentException($"Filter must be '{All}', '{Active}' or '{Completed}'.", nameof(filter));
        }

        Filter = filter;
    }

    [PublicAction]
    public void SetDraft(string text) => Draft = text.Length <= TodoList.MaxTextLength ? text : text[..TodoList.MaxTextLength];

    protected override Task OnMountAsync(MountContext context)
    {
        Remaining = remainingTodos.Count;
        remainingTodos.Changed += OnRemainingChanged;
        return Task.CompletedTask;
    }

    protected override Task OnDestroyAsync()
    {
        remainingTodos.Changed -= OnRemainingChanged;
        return Task.CompletedTask;
    }

    // Raised on the list's thread: the change is queued onto this instance's own queue.
    private void OnRemainingChanged(int count) => _ = SetRemainingAsync(count);

    private async Task SetRemainingAsync(int count)
    {
        try
        {
            await InvokeAsync(() => Remaining = count);
        }
        catch (InvalidOperationException)
        {
            // Destroyed while the change was on its way: nobody is looking at this view any more.
        }
    }
}
