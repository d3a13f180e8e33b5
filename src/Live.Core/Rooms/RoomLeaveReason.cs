namespace Live.Rooms;

/// <summary>Why a member left a room.</summary>
public enum RoomLeaveReason
{
    /// <summary>Server code or the client asked to leave, or the component that joined was unmounted.</summary>
    Left,

    /// <summary>The connection closed.</summary>
    Disconnected,

    /// <summary>The room was closed by the server (<see cref="RoomHandle.CloseAsync"/>) or the server is shutting down.</summary>
    Cleanup,
}
