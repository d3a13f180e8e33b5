namespace Live.Rooms;

/// <summary>
/// A room operation was refused: an invalid room name, a full room, a rejected or forbidden join, an event to a room
/// the component has not joined, an oversized event, or a room-state operation on a value of the wrong type. Nothing
/// changed. Thrown inside an action, it answers the caller with <see cref="Code"/> and the message (it is written
/// for the client, so it crosses the wire in every environment).
/// </summary>
public sealed class LiveRoomException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="code">The wire error code (one of <see cref="Protocol.ErrorCodes"/>).</param>
    /// <param name="message">What was wrong, for people.</param>
    public LiveRoomException(string code, string message)
        : base(message)
    {
        Code = code;
    }

    /// <summary>Creates the exception with the code <c>room_state_conflict</c>.</summary>
    public LiveRoomException()
        : this(Protocol.ErrorCodes.RoomStateConflict, "The room operation was refused.")
    {
    }

    /// <summary>Creates the exception with the code <c>room_state_conflict</c>.</summary>
    /// <param name="message">What was wrong.</param>
    public LiveRoomException(string message)
        : this(Protocol.ErrorCodes.RoomStateConflict, message)
    {
    }

    /// <summary>Creates the exception with the code <c>room_state_conflict</c>.</summary>
    /// <param name="message">What was wrong.</param>
    /// <param name="innerException">The cause.</param>
    public LiveRoomException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = Protocol.ErrorCodes.RoomStateConflict;
    }

    /// <summary>The wire error code, e.g. <c>room_full</c> or <c>room_state_conflict</c>.</summary>
    public string Code { get; } = Protocol.ErrorCodes.RoomStateConflict;
}
