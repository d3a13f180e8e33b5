using System.Diagnostics;
using System.Globalization;
using Live.Client;
using Live.LoadTest.Components;
using Live.LoadTest.Hosting;
using Live.LoadTest.Measurement;
using Microsoft.AspNetCore.SignalR.Client;
using Spectre.Console;

namespace Live.LoadTest.Scenarios;

/// <summary>
/// M receivers are in one room (Live: a room, each connection's component joined it; SignalR: a group); one sender emits
/// an event to the others, and the next event goes out once every receiver has the previous one. Deliveries per second,
/// delivery latency, and the server's allocations per delivery: around the emit for an in-process Live server, and for
/// the whole server process when it runs apart (<c>--server-process</c> for both sides, or a <c>--url</c> server that
/// serves <c>/bench/stats</c>), where SignalR's figure comes from the same measurement.
/// </summary>
public sealed class BroadcastScenario(int receivers, TimeSpan duration, Uri? liveUrl, bool serverProcess = false) : IScenario
{
    private static readonly HttpClient StatsClient = new() { Timeout = TimeSpan.FromSeconds(30) };

    private static readonly TimeSpan RoundTimeout = TimeSpan.FromSeconds(30);

    public string Name => "broadcast";

    public string BaselineDescription =>
        "SignalR hub 'Send': Clients.Group(\"room\").SendAsync(\"tick\", {seq, sentAt}) to M receivers that joined the group (sender not in the group)";

    public IReadOnlyDictionary<string, string> Parameters => new Dictionary<string, string>
    {
        ["receivers"] = receivers.ToString(CultureInfo.InvariantCulture),
        ["seconds"] = duration.TotalSeconds.ToString(CultureInfo.InvariantCulture),
    };

    public async Task<SideResult> RunLiveAsync(ProgressContext progress)
    {
        await using var child = liveUrl is null && serverProcess ? await ChildServer.StartAsync(ServerKind.Live) : null;
        await using var server = liveUrl is null && child is null ? await BenchServer.StartAsync(ServerKind.Live) : null;
        var uri = liveUrl ?? (child is not null ? new Uri($"ws://{child.BaseUri.Authority}{BenchServer.LivePath}") : server!.EndpointUri);
        Func<Task<ServerStats?>>? stats = server is not null ? null : () => ServerStats.TryFetchAsync(StatsClient, uri);
        var connections = await BenchClients.ConnectLiveAsync(uri, receivers + 1, progress.AddTask("Live: connect"));
        try
        {
            var rounds = new Rounds(receivers);
            var joining = progress.AddTask("Live: join the room", maxValue: receivers);
            for (var i = 1; i < connections.Length; i++)
            {
                var index = i - 1;
                connections[i].EventReceived += e => rounds.Delivered(index, e.Data.GetProperty("seq").GetInt64(), e.Data.GetProperty("sentAt").GetInt64());
            }

            // Joined in batches: each mount joins the room on the server (one 'joined' frame per connection).
            foreach (var batch in connections.Skip(1).Chunk(200))
            {
                await Task.WhenAll(batch.Select(c => c.MountAsync("BenchRoom")));
                joining.Increment(batch.Length);
            }

            var sender = await connections[0].MountAsync("BenchRoom");
            return await RunRoundsAsync(progress, "Live", server?.Bytes, rounds, (seq, sentAt) => sender.InvokeAsync("send", new { seq, sentAt }), server is not null, stats);
        }
        finally
        {
            await Task.WhenAll(connections.Select(c => c.DisposeAsync().AsTask()));
        }
    }

    public async Task<SideResult> RunBaselineAsync(ProgressContext progress)
    {
        await using var child = serverProcess ? await ChildServer.StartAsync(ServerKind.SignalR) : null;
        await using var server = child is null ? await BenchServer.StartAsync(ServerKind.SignalR) : null;
        var hub = child is not null ? new Uri($"http://{child.BaseUri.Authority}{BenchServer.HubPath}") : server!.HubUri;
        Func<Task<ServerStats?>>? stats = child is null ? null : async () => await child.StatsAsync();
        var connections = await BenchClients.ConnectSignalRAsync(hub, receivers + 1, progress.AddTask("SignalR: connect"));
        try
        {
            var rounds = new Rounds(receivers);
            for (var i = 1; i < connections.Length; i++)
            {
                var index = i - 1;
                connections[i].On<BenchRoomState>("tick", s => rounds.Delivered(index, s.Seq, s.SentAt));
            }

            foreach (var batch in connections.Skip(1).Chunk(200))
            {
                await Task.WhenAll(batch.Select(c => c.InvokeAsync("Join")));
            }

            var sender = connections[0];
            return await RunRoundsAsync(progress, "SignalR", server?.Bytes, rounds, (seq, sentAt) => sender.InvokeAsync("Send", seq, sentAt), inProcessServer: false, stats);
        }
        finally
        {
            await Task.WhenAll(connections.Select(c => c.DisposeAsync().AsTask()));
        }
    }

    private async Task<SideResult> RunRoundsAsync(
        ProgressContext progress, string side, ByteCounter? bytes, Rounds rounds, Func<long, long, Task> send, bool inProcessServer, Func<Task<ServerStats?>>? stats)
    {
        long seq = 0;
        async Task Round()
        {
            var next = Interlocked.Increment(ref seq);
            var done = rounds.Begin(next);
            await send(next, Stopwatch.GetTimestamp());
            await done.WaitAsync(RoundTimeout);
        }

        await Phases.RunAsync(progress, $"{side}: warm up", Phases.Warmup(duration), 1, long.MaxValue, _ => Round());
        rounds.Recording = true;
        var sentBefore = bytes?.Sent ?? 0;
        RoomEmitAllocations.Reset();
        var statsBefore = stats is null ? null : await stats();
        var (steps, elapsed, cpu) = await Phases.RunAsync(progress, $"{side}: measure", duration, 1, long.MaxValue, _ => Round());
        rounds.Recording = false;
        var statsAfter = statsBefore is null ? null : await stats!();
        var serverAllocated = RoomEmitAllocations.Total;
        var measuredDeliveries = RoomEmitAllocations.Deliveries;
        var deliveries = steps * receivers;
        var p = LatencyRecorder.Merge(rounds.Latencies);
        var result = new SideResult();
        result.Add("deliveries/s", deliveries / elapsed.TotalSeconds, "1/s");
        result.Add("broadcasts/s", steps / elapsed.TotalSeconds, "1/s");
        result.Add("delivery latency p50", p.P50, "ms");
        result.Add("delivery latency p99", p.P99, "ms");
        result.Add("delivery latency p99.9", p.P999, "ms");
        if (statsBefore is not null && statsAfter is not null)
        {
            // The server runs in a process of its own: its figures are its own, the load generator's CPU is the clients'.
            var server = statsAfter.Since(statsBefore);
            result.Add("CPU/delivery (load generator: clients)", cpu.TotalMicroseconds / deliveries, "µs");
            result.Add("server CPU/delivery", server.CpuMicroseconds / (double)deliveries, "µs");
            result.Add("server allocations/delivery (whole process)", server.AllocatedBytes / (double)deliveries, "B");
            result.Add("server allocations/broadcast (whole process)", server.AllocatedBytes / (double)steps, "B");
            result.Add("wire bytes/delivery", server.BytesSent / (double)deliveries, "B");
        }
        else
        {
            result.Add("CPU/delivery (process: clients + server)", cpu.TotalMicroseconds / deliveries, "µs");
        }

        if (bytes is not null)
        {
            result.Add("wire bytes/delivery", (bytes.Sent - sentBefore) / (double)deliveries, "B");
        }

        if (inProcessServer && measuredDeliveries > 0)
        {
            result.Add("server allocations/delivery (room emit)", serverAllocated / (double)measuredDeliveries, "B");
            result.Add("server allocations/broadcast (room emit)", serverAllocated / (double)measuredDeliveries * receivers, "B");
        }

        return result;
    }

    /// <summary>Counts the receivers that have the current round and records their latency.</summary>
    private sealed class Rounds(int receivers)
    {
        private TaskCompletionSource done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private long current;
        private int arrived;

        public LatencyRecorder[] Latencies { get; } = [.. Enumerable.Range(0, receivers).Select(_ => new LatencyRecorder())];

        public volatile bool Recording;

        public Task Begin(long seq)
        {
            var next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Volatile.Write(ref arrived, 0);
            done = next;
            Volatile.Write(ref current, seq);
            return next.Task;
        }

        public void Delivered(int receiver, long seq, long sentAt)
        {
            var now = Stopwatch.GetTimestamp();
            if (seq != Volatile.Read(ref current))
            {
                return;
            }

            if (Recording)
            {
                Latencies[receiver].Add(now - sentAt);
            }

            if (Interlocked.Increment(ref arrived) == receivers)
            {
                done.TrySetResult();
            }
        }
    }
}
