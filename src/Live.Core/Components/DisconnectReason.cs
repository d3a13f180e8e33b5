namespace Live;

/// <summary>Why a connection stopped holding a component instance.</summary>
public enum DisconnectReason
{
    /// <summary>The client unmounted the component.</summary>
    Unmounted,

    /// <summary>The connection closed (by either side, or it dropped).</summary>
    ConnectionClosed,

    /// <summary>The server is shutting down.</summary>
    ServerShutdown,
}
