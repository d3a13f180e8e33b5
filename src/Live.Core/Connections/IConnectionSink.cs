namespace Live.Connections;

/// <summary>Where an instance sends the frames meant for one attached connection.</summary>
internal interface IConnectionSink
{
    LiveConnectionContext Context { get; }

    /// <summary>Queues a frame. Returns <see langword="false"/> when the connection is closing or its queue overflowed.</summary>
    bool TrySend(byte[] frame);

    /// <summary>Forgets <paramref name="instanceId"/>: it moved to another connection of the same client (resume).</summary>
    void Forget(string instanceId);

    /// <summary>
    /// Whether the client closed the connection on purpose (close code 1000 or 1001) rather than losing it; only
    /// meaningful once the connection has ended.
    /// </summary>
    bool ClosedDeliberately => false;
}
