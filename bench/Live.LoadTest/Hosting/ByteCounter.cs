namespace Live.LoadTest.Hosting;

/// <summary>Bytes that crossed the server's TCP connections (HTTP upgrade, WebSocket framing and payload).</summary>
public sealed class ByteCounter
{
    private long received;
    private long sent;
    private long flushes;

    /// <summary>The frames the server wrote, by kind (a frame-level capture); filled only while <see cref="CaptureFrames"/>.</summary>
    public WireFrameTally Frames { get; } = new();

    /// <summary>
    /// Whether connections opened from now on parse their output into <see cref="Frames"/> (off by default, so the
    /// idle scenario's per-connection memory holds no parser).
    /// </summary>
    public bool CaptureFrames { get; set; }

    public long Received => Interlocked.Read(ref received);

    public long Sent => Interlocked.Read(ref sent);

    /// <summary>Flushes of the server's output: each is (at most) one socket send.</summary>
    public long Flushes => Interlocked.Read(ref flushes);

    public void Flushed() => Interlocked.Increment(ref flushes);

    public void AddReceived(long count) => Interlocked.Add(ref received, count);

    public void AddSent(long count) => Interlocked.Add(ref sent, count);
}
