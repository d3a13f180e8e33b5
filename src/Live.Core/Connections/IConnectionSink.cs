namespace Live.Connections;

/// <summary>Where an instance sends the frames meant for one attached connection.</summary>
internal interface IConnectionSink
{
    LiveConnectionContext Context { get; }

    /// <summary>Queues a frame. Returns <see langword="false"/> when the connection is closing or its queue overflowed.</summary>
    bool TrySend(byte[] frame);

    /// <summary>
    /// Queues the answer to a request being handled on the calling thread. When nothing else is being written, it is
    /// written at once on this thread (no thread-pool hop). Returns <see langword="false"/> as <see cref="TrySend"/> does.
    /// </summary>
    bool TrySendAnswer(byte[] frame) => TrySend(frame);

    /// <summary>Forgets <paramref name="instanceId"/>: it moved to another connection of the same client (resume).</summary>
    void Forget(string instanceId);

    /// <summary>
    /// Whether the client closed the connection on purpose (close code 1000 or 1001) rather than losing it; only
    /// meaningful once the connection has ended.
    /// </summary>
    bool ClosedDeliberately => false;
}
