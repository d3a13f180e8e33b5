namespace Live.Rooms;

/// <summary>An event a component receives from a room it joined (see <c>LiveComponentBase.OnRoomEventAsync</c>).</summary>
public sealed class RoomEvent
{
    internal RoomEvent(string room, string name, object data, string? fromUserId, string? fromConnectionId)
    {
        Room = room;
        Name = name;
        Data = data;
        FromUserId = fromUserId;
        FromConnectionId = fromConnectionId;
    }

    /// <summary>The room the event was sent to.</summary>
    public string Room { get; }

    /// <summary>The event's wire name (the record's name, or the name given in <c>[LiveEvent]</c>).</summary>
    public string Name { get; }

    /// <summary>The event record as the sender emitted it (not a copy read back from JSON).</summary>
    public object Data { get; }

    /// <summary>The user id of the sender, or <see langword="null"/> when server code without a connection sent it.</summary>
    public string? FromUserId { get; }

    /// <summary>The connection id of the sender, or <see langword="null"/> when server code without a connection sent it.</summary>
    public string? FromConnectionId { get; }

    /// <summary>Whether the event is a <typeparamref name="TEvent"/>, and if so, the event.</summary>
    /// <typeparam name="TEvent">The event record type.</typeparam>
    /// <param name="value">The event when it is one.</param>
    /// <returns><see langword="true"/> when <see cref="Data"/> is a <typeparamref name="TEvent"/>.</returns>
    public bool Is<TEvent>(out TEvent value)
    {
        if (Data is TEvent typed)
        {
            value = typed;
            return true;
        }

        value = default!;
        return false;
    }
}
