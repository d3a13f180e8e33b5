namespace Live;

/// <summary>What <see cref="LiveComponentBase.OnDisconnectAsync"/> receives.</summary>
public sealed class DisconnectContext
{
    internal DisconnectContext(LiveConnectionContext connection, DisconnectReason reason)
    {
        Connection = connection;
        Reason = reason;
    }

    /// <summary>The connection that left.</summary>
    public LiveConnectionContext Connection { get; }

    /// <summary>Why it left.</summary>
    public DisconnectReason Reason { get; }
}
