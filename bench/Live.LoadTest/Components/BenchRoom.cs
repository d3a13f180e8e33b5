using Live.Rooms;

namespace Live.LoadTest.Components;

public sealed record BenchRoomState
{
    public long Seq { get; init; }

    /// <summary>The sender's <see cref="System.Diagnostics.Stopwatch"/> timestamp (same process), for delivery latency.</summary>
    public long SentAt { get; init; }
}

/// <summary>The event of the <c>broadcast</c> scenario.</summary>
[LiveEvent("tick")]
public sealed record BenchTick(long Seq, long SentAt);

/// <summary>
/// The room of the <c>broadcast</c> scenario, without presence: a broadcast room of thousands does not send every joiner
/// the member list.
/// </summary>
[LiveRoom("bench", Presence = false)]
public sealed partial class BenchBroadcastRoom : LiveRoom<BenchRoomState>;

/// <summary>The <c>broadcast</c> scenario: every connection's component joins one room; the sender emits to the others.</summary>
[LiveComponent]
public sealed partial class BenchRoom : LiveComponent<BenchRoomState>
{
    public const string RoomName = "bench:broadcast";

    [PublicAction]
    public Task<int> Send(long seq, long sentAt)
    {
        var room = Room(RoomName);
        return RoomEmitAllocations.MeasureAsync(() => room.EmitToOthersAsync(new BenchTick(seq, sentAt)));
    }

    protected override Task OnMountAsync(MountContext context) => JoinRoomAsync(RoomName);
}
