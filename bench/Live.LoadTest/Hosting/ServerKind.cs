namespace Live.LoadTest.Hosting;

public enum ServerKind
{
    Live,

    /// <summary>Live with <c>ListenOptions.UseLive()</c>: upgrades taken at Kestrel's connection level, not through HTTP/1.1.</summary>
    LiveDirect,
    SignalR,

    /// <summary>A bare Kestrel WebSocket endpoint (<c>/raw</c>): the floor any WebSocket framework starts from.</summary>
    RawWebSocket,
}
