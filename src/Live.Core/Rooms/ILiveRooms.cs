namespace Live.Rooms;

/// <summary>
/// Rooms for server code outside components — controllers, minimal APIs, background services: broadcast to a room,
/// change its state, list its members, set live state, and send to every connection of a user. Registered by
/// <c>AddLive()</c>; inject it.
/// </summary>
public interface ILiveRooms
{
    /// <summary>The names of the rooms that exist now.</summary>
    IReadOnlyCollection<string> Names { get; }

    /// <summary>A handle on the room <paramref name="name"/> (the room is created by the first state operation or join).</summary>
    /// <param name="name">The room name (see <c>docs/rooms.md</c> for the allowed characters).</param>
    /// <returns>The handle.</returns>
    /// <exception cref="LiveRoomException">The name is not a valid room name (<c>invalid_room_name</c>).</exception>
    RoomHandle Room(string name);

    /// <summary>A handle on the typed room <typeparamref name="TRoom"/> with key <paramref name="key"/> (<c>chat:{key}</c>).</summary>
    /// <typeparam name="TRoom">The typed room class.</typeparam>
    /// <param name="key">The part after the room kind's name.</param>
    /// <returns>The handle.</returns>
    RoomHandle Room<TRoom>(string key)
        where TRoom : LiveRoomBase;

    /// <summary>
    /// Sends <paramref name="userEvent"/> to every open connection of <paramref name="userId"/>, whatever rooms they are
    /// in (an <c>event</c> message without <c>room</c>). Serialized once.
    /// </summary>
    /// <typeparam name="TEvent">The event record type.</typeparam>
    /// <param name="userId">The user id (see <c>RoomMember.UserId</c>).</param>
    /// <param name="userEvent">The event.</param>
    /// <returns>How many connections it was queued for.</returns>
    Task<int> SendToUserAsync<TEvent>(string userId, TEvent userEvent)
        where TEvent : notnull;
}
