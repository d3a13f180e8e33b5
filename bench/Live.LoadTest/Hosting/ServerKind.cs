namespace Live.LoadTest.Hosting;

public enum ServerKind
{
    Live,
    SignalR,

    /// <summary>A bare Kestrel WebSocket endpoint (<c>/raw</c>): the floor any WebSocket framework starts from.</summary>
    RawWebSocket,
}
