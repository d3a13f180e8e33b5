using System.Text.Json.Nodes;
using Live.Presence;
using Live.Protocol;

namespace Live.Rooms;

/// <summary>
/// Operations on one room: events, shared state, members and live state. Components get one bound to themselves and
/// their connection with <c>Room("name")</c> (events then come from that connection's user, and require the component
/// to have joined); server code gets one from <see cref="ILiveRooms.Room(string)"/>. A handle is cheap: it holds the
/// name, not the room; a room that does not exist yet is created by state and live-state operations.
/// </summary>
public sealed class RoomHandle
{
    private readonly RoomManager manager;
    private readonly RoomSender? sender;

    internal RoomHandle(RoomManager manager, string name, RoomSender? sender)
    {
        this.manager = manager;
        this.sender = sender;
        Name = name;
    }

    /// <summary>The room's name.</summary>
    public string Name { get; }

    /// <summary>
    /// The presence user id of the connection this handle acts for (a component's current connection), or
    /// <see langword="null"/> for a handle of server code. Handy for per-user live-state keys (<c>$"typing:{UserId}"</c>).
    /// </summary>
    public string? UserId => sender?.Identity.UserId;

    /// <summary>Sends <paramref name="roomEvent"/> to every member (the sender's connection included).</summary>
    /// <typeparam name="TEvent">The event record type (a <c>[LiveEvent]</c>).</typeparam>
    /// <param name="roomEvent">The event.</param>
    /// <returns>How many connections it was queued for.</returns>
    /// <exception cref="LiveRoomException">The component has not joined the room, or the event is too large.</exception>
    public Task<int> EmitAsync<TEvent>(TEvent roomEvent)
        where TEvent : notnull => EmitCoreAsync(roomEvent, EmitTarget.All, toUserId: null);

    /// <summary>Sends <paramref name="roomEvent"/> to every member except the sending connection.</summary>
    /// <typeparam name="TEvent">The event record type.</typeparam>
    /// <param name="roomEvent">The event.</param>
    /// <returns>How many connections it was queued for.</returns>
    /// <exception cref="LiveRoomException">The component has not joined the room, or the event is too large.</exception>
    public Task<int> EmitToOthersAsync<TEvent>(TEvent roomEvent)
        where TEvent : notnull => EmitCoreAsync(roomEvent, EmitTarget.Others, toUserId: null);

    /// <summary>Sends <paramref name="roomEvent"/> to one member: every connection of <paramref name="userId"/> in the room.</summary>
    /// <typeparam name="TEvent">The event record type.</typeparam>
    /// <param name="userId">The member's user id (see <see cref="RoomMember.UserId"/>).</param>
    /// <param name="roomEvent">The event.</param>
    /// <returns>How many connections it was queued for (0 when the user is not a member).</returns>
    /// <exception cref="LiveRoomException">The component has not joined the room, or the event is too large.</exception>
    public Task<int> EmitToAsync<TEvent>(string userId, TEvent roomEvent)
        where TEvent : notnull
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        return EmitCoreAsync(roomEvent, EmitTarget.User, userId);
    }

    /// <summary>Changes the shared state with one or more operations that apply together or not at all.</summary>
    /// <param name="edit">The operations.</param>
    /// <returns>A task that completes when the change has been sent to the members.</returns>
    /// <exception cref="LiveRoomException">An operation met a value of the wrong type; nothing changed.</exception>
    public Task UpdateStateAsync(Action<RoomStateEditor> edit)
    {
        ArgumentNullException.ThrowIfNull(edit);
        return UpdateStateAsync(e =>
        {
            edit(e);
            return true;
        });
    }

    /// <inheritdoc cref="UpdateStateAsync(Action{RoomStateEditor})"/>
    /// <typeparam name="T">What <paramref name="edit"/> returns.</typeparam>
    public async Task<T> UpdateStateAsync<T>(Func<RoomStateEditor, T> edit)
    {
        ArgumentNullException.ThrowIfNull(edit);
        var room = await manager.GetOrCreateAsync(Name).ConfigureAwait(false);
        return await room.UpdateStateAsync(edit).ConfigureAwait(false);
    }

    /// <summary>Sets the value at <paramref name="path"/> (see <see cref="RoomStateEditor.Set{T}"/>).</summary>
    /// <typeparam name="T">The value's type.</typeparam>
    /// <param name="path">Where.</param>
    /// <param name="value">The value.</param>
    /// <returns>A task that completes when the change has been sent.</returns>
    public Task SetAsync<T>(string path, T value) => UpdateStateAsync(e => e.Set(path, value));

    /// <summary>Merges an object into the object at <paramref name="path"/> (see <see cref="RoomStateEditor.Merge{T}"/>).</summary>
    /// <typeparam name="T">The patch's type.</typeparam>
    /// <param name="path">Where.</param>
    /// <param name="patch">The members to merge.</param>
    /// <returns>A task that completes when the change has been sent.</returns>
    public Task MergeAsync<T>(string path, T patch) => UpdateStateAsync(e => e.Merge(path, patch));

    /// <summary>Appends an item to the list at <paramref name="path"/>.</summary>
    /// <typeparam name="T">The item's type.</typeparam>
    /// <param name="path">The list.</param>
    /// <param name="item">The item.</param>
    /// <returns>The list's new length.</returns>
    public Task<int> PushAsync<T>(string path, T item) => UpdateStateAsync(e => e.Push(path, item));

    /// <summary>Removes the list items whose <paramref name="member"/> equals <paramref name="value"/>.</summary>
    /// <typeparam name="T">The member value's type.</typeparam>
    /// <param name="path">The list.</param>
    /// <param name="member">The member to compare.</param>
    /// <param name="value">The value to match.</param>
    /// <returns>How many items were removed.</returns>
    public Task<int> RemoveWhereAsync<T>(string path, string member, T value) => UpdateStateAsync(e => e.RemoveWhere(path, member, value));

    /// <summary>Removes the list items <paramref name="match"/> accepts.</summary>
    /// <param name="path">The list.</param>
    /// <param name="match">Decides per item.</param>
    /// <returns>How many items were removed.</returns>
    public Task<int> RemoveWhereAsync(string path, Func<JsonNode?, bool> match) => UpdateStateAsync(e => e.RemoveWhere(path, match));

    /// <summary>Removes the member or item at <paramref name="path"/>.</summary>
    /// <param name="path">What to remove.</param>
    /// <returns>Whether there was one.</returns>
    public Task<bool> RemoveAsync(string path) => UpdateStateAsync(e => e.Remove(path));

    /// <summary>Adds <paramref name="by"/> to the integer at <paramref name="path"/>.</summary>
    /// <param name="path">The number.</param>
    /// <param name="by">How much.</param>
    /// <returns>The new value.</returns>
    public Task<long> IncrementAsync(string path, long by = 1) => UpdateStateAsync(e => e.Increment(path, by));

    /// <summary>Subtracts <paramref name="by"/> from the integer at <paramref name="path"/>.</summary>
    /// <param name="path">The number.</param>
    /// <param name="by">How much.</param>
    /// <returns>The new value.</returns>
    public Task<long> DecrementAsync(string path, long by = 1) => UpdateStateAsync(e => e.Decrement(path, by));

    /// <summary>A copy of the shared state (an empty object for a room that does not exist).</summary>
    /// <returns>The state.</returns>
    public async Task<JsonObject> GetStateAsync() =>
        manager.TryGet(Name, out var room) ? await room.GetStateAsync().ConfigureAwait(false) : [];

    /// <summary>The room's members (empty for a room that does not exist).</summary>
    /// <returns>One entry per user.</returns>
    public async Task<IReadOnlyList<RoomMember>> GetMembersAsync() =>
        manager.TryGet(Name, out var room) ? await room.GetMembersAsync().ConfigureAwait(false) : [];

    /// <summary>The room's live-state entries.</summary>
    /// <returns>One entry per key.</returns>
    public async Task<IReadOnlyList<LiveStateEntry>> GetLiveStateAsync() =>
        manager.TryGet(Name, out var room) ? await room.GetLiveStateAsync().ConfigureAwait(false) : [];

    /// <summary>
    /// Sets the live-state entry <paramref name="key"/> (last writer wins), recording the writer's user id and the
    /// time; a <see langword="null"/> value removes it. Entries go to every member as patches of <c>live</c>. An entry
    /// written through a component's handle belongs to its connection (until another writer overwrites it) and is
    /// removed when that connection leaves the room for good; one written by server code stays until removed.
    /// </summary>
    /// <typeparam name="T">The value's type.</typeparam>
    /// <param name="key">1 to 128 characters.</param>
    /// <param name="value">The value, or <see langword="null"/> to remove the entry.</param>
    /// <returns>A task that completes when the change has been sent.</returns>
    public async Task SetLiveStateAsync<T>(string key, T? value)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        if (key.Length > RoomNames.MaxLength)
        {
            throw new LiveRoomException(ErrorCodes.RoomStateConflict, $"A live-state key must be at most {RoomNames.MaxLength} characters long.");
        }

        var room = await manager.GetOrCreateAsync(Name).ConfigureAwait(false);
        var node = new RoomStateEditor([], manager.Runtime.SerializerOptions).ToNode(value);
        await room.SetLiveStateAsync(key, node, sender?.Identity.UserId ?? UserIdentity.ServerUserId, sender?.Connection.ConnectionId).ConfigureAwait(false);
    }

    /// <summary>Sets the presence status of the sending component's user (or, from server code, of <paramref name="userId"/>).</summary>
    /// <param name="status">Online or away.</param>
    /// <param name="userId">The user, when the handle has no sending connection.</param>
    /// <returns>Whether the user is a member of the room.</returns>
    public Task<bool> SetStatusAsync(PresenceStatus status, string? userId = null)
    {
        var user = userId ?? sender?.Identity.UserId ?? throw new ArgumentNullException(nameof(userId), "Server code must say whose status to set.");
        return manager.TryGet(Name, out var room) ? room.SetStatusAsync(user, status) : Task.FromResult(false);
    }

    /// <summary>Runs <paramref name="work"/> on a typed room's queue (creating the room if needed), then sends what changed.</summary>
    /// <typeparam name="TRoom">The typed room class.</typeparam>
    /// <param name="work">Work with the room object; assign its <c>State</c> to change it.</param>
    /// <returns>A task that completes when the work ran and the change was sent.</returns>
    public async Task UpdateAsync<TRoom>(Action<TRoom> work)
        where TRoom : LiveRoomBase
    {
        ArgumentNullException.ThrowIfNull(work);
        var room = await manager.GetOrCreateAsync(Name).ConfigureAwait(false);
        await room.UpdateTypedAsync<TRoom>(r =>
        {
            work(r);
            return Task.CompletedTask;
        }).ConfigureAwait(false);
    }

    /// <summary>Makes every member leave (reason <see cref="RoomLeaveReason.Cleanup"/>) and destroys the room.</summary>
    /// <returns>A task that completes when the room is gone.</returns>
    public Task CloseAsync() => manager.TryGet(Name, out var room) ? room.CloseAsync() : Task.CompletedTask;

    private Task<int> EmitCoreAsync<TEvent>(TEvent roomEvent, EmitTarget target, string? toUserId)
        where TEvent : notnull
    {
        ArgumentNullException.ThrowIfNull(roomEvent);
        if (!manager.TryGet(Name, out var room))
        {
            return sender is null
                ? Task.FromResult(0)
                : Task.FromException<int>(new LiveRoomException(ErrorCodes.RoomNotJoined, $"This component has not joined the room '{Name}'; join it before sending events to it."));
        }

        return room.EmitAsync(
            roomEvent,
            typeof(TEvent) == typeof(object) ? roomEvent.GetType() : typeof(TEvent),
            target,
            sender?.Connection.ConnectionId,
            sender?.Component,
            sender?.Identity.UserId,
            toUserId);
    }
}
