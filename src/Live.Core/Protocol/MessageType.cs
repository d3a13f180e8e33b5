namespace Live.Protocol;

/// <summary>The kinds of message a client can send.</summary>
internal enum MessageType
{
    Mount,
    Action,
    Unmount,
    Resync,
    Ping,
    Rehydrate,
    Resume,
    Join,
    Leave,
    Refresh,
    Presence,
}
