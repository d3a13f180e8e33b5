using System.Diagnostics;
using Live.LoadTest.Components;
using Live.LoadTest.Measurement;
using Microsoft.AspNetCore.SignalR;

namespace Live.LoadTest.Baseline;

/// <summary>
/// The SignalR baseline: the same work as the Live components, written the way a person would write it by hand on
/// SignalR. Per-connection state lives in <see cref="HubCallerContext.Items"/>, as a hub has no other per-connection
/// storage.
/// </summary>
public sealed class BenchHub(ServerTimer timer) : Hub
{
    public const string Room = "room";

    private const string CounterKey = "count";
    private const string ListKey = "list";

    /// <summary><c>idle</c>: the equivalent of mounting a counter (per-connection state created and answered).</summary>
    public int Mount()
    {
        Context.Items[CounterKey] = new CounterBox(0);
        return 0;
    }

    /// <summary><c>actions</c>: change the connection's counter and push the new state to the caller.</summary>
    public async Task Increment()
    {
        var box = (CounterBox)(Context.Items.TryGetValue(CounterKey, out var value) ? value! : Context.Items[CounterKey] = new CounterBox(0));
        box.Value++;
        await Clients.Caller.SendAsync("state", new BenchCounterState { Count = box.Value });
    }

    /// <summary><c>large-list</c>: the whole 10,000-item list, like Live's <c>mounted</c>.</summary>
    public BenchItem[] MountList()
    {
        var items = Enumerable.Range(0, BenchListState.Size).Select(i => new BenchItem(i, $"item {i}", Done: false)).ToArray();
        Context.Items[ListKey] = items;
        return items;
    }

    /// <summary><c>large-list</c>: toggle one item and push only that item (the smallest a hand-written app sends).</summary>
    public async Task Toggle(int id)
    {
        var started = Stopwatch.GetTimestamp();
        var items = (BenchItem[])Context.Items[ListKey]!;
        var item = items[id] = items[id] with { Done = !items[id].Done };
        await Clients.Caller.SendAsync("itemChanged", item);
        timer.Record(started);
    }

    /// <summary><c>broadcast</c>: receivers join the room.</summary>
    public Task Join() => Groups.AddToGroupAsync(Context.ConnectionId, Room);

    /// <summary><c>broadcast</c>: the sender's message to the room (one serialization, like Live's shared patch).</summary>
    public Task Send(long seq, long sentAt) => Clients.Group(Room).SendAsync("tick", new BenchRoomState { Seq = seq, SentAt = sentAt });

    private sealed class CounterBox(int value)
    {
        public int Value = value;
    }
}
