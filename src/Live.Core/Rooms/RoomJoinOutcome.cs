using Live.Protocol;

namespace Live.Rooms;

/// <summary>How a join went: joined, refused with an error, or the room was destroyed meanwhile (the caller retries).</summary>
internal readonly record struct RoomJoinOutcome(bool Joined, ProtocolError? Error)
{
    public static readonly RoomJoinOutcome Success = new(true, null);

    public static readonly RoomJoinOutcome RoomDestroyed = new(false, null);

    public static RoomJoinOutcome Refused(string code, string message) => new(false, new ProtocolError(code, message));
}
