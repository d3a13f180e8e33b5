using System.Text.Json;
using System.Text.Json.Nodes;

namespace Live.Rooms;

/// <summary>
/// The non-generic base of typed rooms. App authors derive from <see cref="LiveRoom{TState}"/>; this type exists so
/// the runtime can hold rooms of any state type.
/// </summary>
public abstract class LiveRoomBase
{
    private RoomHandle? handle;

    private protected LiveRoomBase()
    {
    }

    /// <summary>The room's full name, e.g. <c>chat:general</c>.</summary>
    public string Name { get; internal set; } = string.Empty;

    /// <summary>The part of <see cref="Name"/> after the first <c>:</c> (empty when there is none), e.g. <c>general</c>.</summary>
    public string Key => Name.IndexOf(':', StringComparison.Ordinal) is var colon and >= 0 ? Name[(colon + 1)..] : string.Empty;

    /// <summary>
    /// The room's operations (events, state operations, members, live state) without a sending connection. Inside a
    /// hook they run inline, as part of the hook.
    /// </summary>
    protected RoomHandle Room => handle ?? throw new InvalidOperationException("The room is not running yet.");

    internal bool IsStateDirty { get; private protected set; }

    internal abstract Type StateType { get; }

    /// <summary>Called once, after the room was created (on its first join or state operation).</summary>
    /// <returns>A task that completes when the hook is done.</returns>
    protected virtual Task OnCreatedAsync() => Task.CompletedTask;

    /// <summary>
    /// Called before a connection joins. Call <see cref="RoomJoinContext.Reject"/> to refuse it: the joiner gets
    /// <c>room_join_rejected</c> with your reason, and nothing changes.
    /// </summary>
    /// <param name="context">Who is joining.</param>
    /// <returns>A task that completes when the hook is done.</returns>
    protected virtual Task OnJoinAsync(RoomJoinContext context) => Task.CompletedTask;

    /// <summary>Called after a connection left (<see cref="RoomLeaveReason.Left"/>, <see cref="RoomLeaveReason.Disconnected"/>, <see cref="RoomLeaveReason.Cleanup"/>).</summary>
    /// <param name="context">Who left and why.</param>
    /// <returns>A task that completes when the hook is done.</returns>
    protected virtual Task OnLeaveAsync(RoomLeaveContext context) => Task.CompletedTask;

    /// <summary>Called once when the room is destroyed (empty for the cleanup timeout, closed, or server shutdown).</summary>
    /// <returns>A task that completes when the hook is done.</returns>
    protected virtual Task OnDestroyedAsync() => Task.CompletedTask;

    internal void Attach(RoomHandle roomHandle) => handle = roomHandle;

    internal Task RunCreatedAsync() => OnCreatedAsync();

    internal Task RunJoinAsync(RoomJoinContext context) => OnJoinAsync(context);

    internal Task RunLeaveAsync(RoomLeaveContext context) => OnLeaveAsync(context);

    internal Task RunDestroyedAsync() => OnDestroyedAsync();

    internal void ResetDirty() => IsStateDirty = false;

    internal abstract void InitializeState();

    internal abstract void WriteState(Utf8JsonWriter writer, JsonSerializerOptions options);

    /// <summary>Replaces the state with <paramref name="json"/> read as the state type; throws when it does not fit.</summary>
    internal abstract void ReadState(JsonNode json, JsonSerializerOptions options);

    internal abstract object CaptureState();

    internal abstract void RestoreState(object captured);
}
