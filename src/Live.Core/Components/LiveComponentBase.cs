using System.Text.Json;

namespace Live;

/// <summary>
/// The non-generic base of every live component. App authors derive from <see cref="LiveComponent{TState}"/>;
/// this type exists so the runtime can hold components of any state type.
/// </summary>
public abstract partial class LiveComponentBase
{
    private List<string>? changedMembers;
    private IComponentScheduler? scheduler;

    private protected LiveComponentBase()
    {
    }

    /// <summary>The id of this instance on the wire, assigned by the runtime when it is mounted.</summary>
    public string InstanceId { get; internal set; } = string.Empty;

    /// <summary>
    /// The connection the current work runs for: the caller of the running action, or the owning connection of a
    /// per-connection component. For a singleton outside an action (a timer, a background event) there is none,
    /// and reading it throws.
    /// </summary>
    /// <exception cref="InvalidOperationException">No connection is associated with the current work.</exception>
    protected LiveConnectionContext Connection =>
        CurrentConnection ?? throw new InvalidOperationException(
            "No connection is associated with this work: singleton components have a connection only while an action runs.");

    /// <summary>The signed-in user of <see cref="Connection"/> (an anonymous principal when nobody signed in).</summary>
    protected System.Security.Claims.ClaimsPrincipal User => Connection.User;

    internal LiveConnectionContext? CurrentConnection { get; set; }

    internal bool IsStateDirty { get; private set; }

    internal IReadOnlyList<string> ChangedMembers => (IReadOnlyList<string>?)changedMembers ?? [];

    /// <summary>
    /// Runs <paramref name="work"/> on this instance's own queue, after any running action, and then sends the
    /// resulting state change to every attached connection. Use it to change state from a timer, a background
    /// service or an event: never change state from another thread directly.
    /// </summary>
    /// <param name="work">The change to make.</param>
    /// <returns>A task that completes when the work has run and its change has been queued for sending.</returns>
    /// <exception cref="InvalidOperationException">The component has been destroyed or was never mounted.</exception>
    protected Task InvokeAsync(Action work)
    {
        ArgumentNullException.ThrowIfNull(work);
        return InvokeAsync(() =>
        {
            work();
            return Task.CompletedTask;
        });
    }

    /// <inheritdoc cref="InvokeAsync(Action)"/>
    protected Task InvokeAsync(Func<Task> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        var current = scheduler ?? throw new InvalidOperationException(
            "This component is not mounted (or has been destroyed), so it has no queue to run work on.");
        return current.InvokeAsync(work);
    }

    /// <summary>
    /// Marks the state as changed even though no state member was assigned, for example after mutating a
    /// mutable collection in place. The runtime then diffs the state after the current work.
    /// </summary>
    protected void StateHasChanged() => IsStateDirty = true;

    /// <summary>
    /// Records that the state member <paramref name="memberName"/> changed. Called by the generated state proxy
    /// properties; app code rarely needs it.
    /// </summary>
    /// <param name="memberName">The C# name of the state member.</param>
    protected void MarkChanged(string memberName)
    {
        IsStateDirty = true;
        changedMembers ??= [];
        if (!changedMembers.Contains(memberName))
        {
            changedMembers.Add(memberName);
        }
    }

    /// <summary>Called once after the instance is created and its default state set, before the client gets it.</summary>
    /// <param name="context">The mounting connection and the props the client sent.</param>
    /// <returns>A task that completes when mounting is done.</returns>
    protected virtual Task OnMountAsync(MountContext context) => Task.CompletedTask;

    /// <summary>
    /// Called when a client brings the instance back from a signed state token (<c>rehydrate</c>, after a server
    /// restart or a page reload): a new instance is created, <see cref="OnMountAsync"/> runs (with
    /// <see cref="MountContext.IsRehydrating"/> set), the token's state replaces the state, and then this hook runs.
    /// The state came back from the client: it is signed by this app, so it is state this app produced, but it may be
    /// up to <c>Live:Signing:MaxTokenAge</c> old. Re-check what can go stale (an item deleted meanwhile, a permission).
    /// Throwing refuses the rehydration (<c>mount_failed</c>); the client then mounts afresh.
    /// </summary>
    /// <param name="context">The rehydrating connection and the token's version and age.</param>
    /// <returns>A task that completes when the hook is done.</returns>
    protected virtual Task OnRehydrateAsync(RehydrateContext context) => Task.CompletedTask;

    /// <summary>
    /// Called before every action. Call <see cref="ActionExecutingContext.Cancel"/> to refuse the action: the
    /// caller gets an <c>action_canceled</c> error with your reason and the action does not run.
    /// </summary>
    /// <param name="context">The action about to run.</param>
    /// <returns>A task that completes when the filter is done.</returns>
    protected virtual Task OnActionExecutingAsync(ActionExecutingContext context) => Task.CompletedTask;

    /// <summary>
    /// Called after an action or an <see cref="InvokeAsync(Action)"/> changed the state, before the change is
    /// sent. Further changes made here go out in the same state message.
    /// </summary>
    /// <param name="context">Which members changed.</param>
    /// <returns>A task that completes when the hook is done.</returns>
    protected virtual Task OnStateChangedAsync(StateChangedContext context) => Task.CompletedTask;

    /// <summary>
    /// Called when a connection that had this instance mounted goes away (closed, unmounted, or dropped). For a
    /// singleton this runs once per leaving connection. A per-connection instance whose connection closed or dropped
    /// is kept for <c>Live:Retention:Window</c> so its client can resume it: this hook then runs only when the window
    /// ends without a resume (<see cref="DisconnectReason.RetentionExpired"/> or
    /// <see cref="DisconnectReason.RetentionEvicted"/>), just before <see cref="OnDestroyAsync"/>.
    /// </summary>
    /// <param name="context">The leaving connection and why it left.</param>
    /// <returns>A task that completes when the hook is done.</returns>
    protected virtual Task OnDisconnectAsync(DisconnectContext context) => Task.CompletedTask;

    /// <summary>Called once when the instance is released. Dispose timers and subscriptions here.</summary>
    /// <returns>A task that completes when the hook is done.</returns>
    protected virtual Task OnDestroyAsync() => Task.CompletedTask;

    // The runtime calls the hooks through these, so the hooks themselves stay plain 'protected' for app authors
    // (a 'protected internal' hook could not be overridden as 'protected' from assemblies that see Live's internals).
    internal Task RunMountAsync(MountContext context) => OnMountAsync(context);

    internal Task RunRehydrateAsync(RehydrateContext context) => OnRehydrateAsync(context);

    internal Task RunActionExecutingAsync(ActionExecutingContext context) => OnActionExecutingAsync(context);

    internal Task RunStateChangedAsync(StateChangedContext context) => OnStateChangedAsync(context);

    internal Task RunDisconnectAsync(DisconnectContext context) => OnDisconnectAsync(context);

    internal Task RunDestroyAsync() => OnDestroyAsync();

    internal void AttachScheduler(IComponentScheduler? value) => scheduler = value;

    internal IComponentScheduler? Scheduler => scheduler;

    internal void ResetChanges()
    {
        IsStateDirty = false;
        changedMembers?.Clear();
    }

    /// <summary>Writes the current state as JSON.</summary>
    internal abstract void WriteState(Utf8JsonWriter writer, JsonSerializerOptions options);

    /// <summary>Sets the default state (from <c>CreateInitialState</c>).</summary>
    internal abstract void InitializeState();

    /// <summary>Replaces the state with one read from JSON (rehydration).</summary>
    internal abstract void ReadState(JsonElement json, JsonSerializerOptions options);

    /// <summary>The state's CLR type.</summary>
    internal abstract Type StateType { get; }

    /// <summary>Takes the current state object, so a failed action can be rolled back (state records are immutable).</summary>
    internal abstract object CaptureState();

    /// <summary>Puts back a state object taken by <see cref="CaptureState"/>.</summary>
    internal abstract void RestoreState(object captured);
}
