using Live;

namespace TodoApp.Todos;

/// <summary>
/// Per-connection view state: the filter, the draft of the next todo, and how many todos remain. The count follows
/// the shared list on the server, also while the client is away: a client that resumes gets the changes it missed.
/// Each view is in the <see cref="PresenceRoom"/> room, so every tab sees who is online, and while its draft is not
/// empty it says so in the room's live state (<c>editing:{EditorKey}</c>), which drives the "… is editing" line of the
/// other tabs. After a dropped connection the room holds the view's membership and live state until the view is resumed;
/// a rehydrated view (a new instance) joins in its mount hook and re-announces its draft in its rehydrate hook.
/// </summary>
[LiveComponent]
public sealed partial class TodoView(RemainingTodos remainingTodos) : LiveComponent<TodoViewState>
{
    public const string All = "all";
    public const string Active = "active";
    public const string Completed = "completed";

    /// <summary>The room every TodoApp tab is in.</summary>
    public const string PresenceRoom = "todos";

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
    public async Task SetDraft(string text)
    {
        var wasEditing = Draft.Length > 0;
        Draft = text.Length <= TodoList.MaxTextLength ? text : text[..TodoList.MaxTextLength];
        if (wasEditing != Draft.Length > 0)
        {
            await Room(PresenceRoom).SetLiveStateAsync("editing:" + EditorKey, Draft.Length > 0 ? true : (bool?)null);
        }
    }

    protected override Task OnMountAsync(MountContext context)
    {
        Remaining = remainingTodos.Count;
        remainingTodos.Changed += OnRemainingChanged;

        // A random tag per view, so a tab tells its own "editing" entry from the others (two tabs may be one user).
        EditorKey = Guid.NewGuid().ToString("N")[..12];
        return JoinRoomAsync(PresenceRoom);
    }

    // The token's count may be stale (the list changed while the server was down, or since the page was loaded). The
    // mount hook (IsRehydrating) joined the room before the token's state was in place: only now is the draft back,
    // so only now can the view say again that it is editing. (A resume needs nothing: the room held the view's
    // membership and its live state through the drop.)
    protected override async Task OnRehydrateAsync(RehydrateContext context)
    {
        Remaining = remainingTodos.Count;
        if (Draft.Length > 0)
        {
            await Room(PresenceRoom).SetLiveStateAsync("editing:" + EditorKey, true);
        }
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
