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

    /// <summary>
    /// The connection went away and its client did not resume the instance within <c>Live:Retention:Window</c>.
    /// </summary>
    RetentionExpired,

    /// <summary>
    /// The connection went away and the instance was being kept for a resume, but more instances were kept than
    /// <c>Live:Retention:MaxPerUser</c> or <c>MaxTotal</c> allow; the oldest are released first.
    /// </summary>
    RetentionEvicted,
}
