namespace Live.LoadTest.Components;

public sealed record BenchRoomState
{
    public long Seq { get; init; }

    /// <summary>The sender's <see cref="System.Diagnostics.Stopwatch"/> timestamp (same process), for delivery latency.</summary>
    public long SentAt { get; init; }
}

/// <summary>The <c>broadcast</c> scenario: one shared instance, every change goes to every attached connection.</summary>
[LiveComponent(Singleton = true)]
public sealed partial class BenchRoom : LiveComponent<BenchRoomState>
{
    [PublicAction]
    public void Send(long seq, long sentAt) => State = State with { Seq = seq, SentAt = sentAt };
}
