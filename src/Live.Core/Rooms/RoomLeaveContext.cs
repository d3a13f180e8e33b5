namespace Live.Rooms;

/// <summary>A connection that left a room, seen by <see cref="LiveRoomBase"/>'s leave hook.</summary>
public sealed class RoomLeaveContext
{
    internal RoomLeaveContext(string connectionId, string userId, bool userLeft, RoomLeaveReason reason)
    {
        ConnectionId = connectionId;
        UserId = userId;
        UserLeft = userLeft;
        Reason = reason;
    }

    /// <summary>The connection that left.</summary>
    public string ConnectionId { get; }

    /// <summary>Its user id.</summary>
    public string UserId { get; }

    /// <summary>Whether that was the user's last connection in the room (the user is no longer a member).</summary>
    public bool UserLeft { get; }

    /// <summary>Why it left.</summary>
    public RoomLeaveReason Reason { get; }
}
