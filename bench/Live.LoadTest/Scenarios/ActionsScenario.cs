using System.Diagnostics;
using System.Globalization;
using Live.Client;
using Live.LoadTest.Hosting;
using Live.LoadTest.Measurement;
using Microsoft.AspNetCore.SignalR.Client;
using Spectre.Console;

namespace Live.LoadTest.Scenarios;

/// <summary>
/// N clients, each with its own counter, each calling <c>increment</c> in a closed loop and waiting for the answer
/// (which Live sends after the state patch). Round trips per second and latency percentiles.
/// </summary>
public sealed class ActionsScenario(int clients, TimeSpan duration, Uri? liveUrl) : IScenario
{
    private const long MaxStepsPerClient = 10_000_000;

    // Both sides warm up until the JIT has settled (tier-1 recompilation takes seconds on 2 busy cores), at most this.
    private static readonly TimeSpan MaxWarmup = TimeSpan.FromSeconds(20);

    public string Name => "actions";

    public string BaselineDescription =>
        "SignalR hub 'Increment': per-connection counter in Context.Items, pushes {count} to the caller, then completes the invocation";

    public IReadOnlyDictionary<string, string> Parameters => new Dictionary<string, string>
    {
        ["clients"] = clients.ToString(CultureInfo.InvariantCulture),
        ["seconds"] = duration.TotalSeconds.ToString(CultureInfo.InvariantCulture),
    };

    public async Task<SideResult> RunLiveAsync(ProgressContext progress)
    {
        await using var server = liveUrl is null ? await BenchServer.StartAsync(ServerKind.Live) : null;
        var uri = liveUrl ?? server!.EndpointUri;
        using var probe = server is null ? null : new LiveMeterProbe(server.Services);
        var connections = await BenchClients.ConnectLiveAsync(uri, clients, progress.AddTask("Live: connect"));
        try
        {
            var handles = await Task.WhenAll(connections.Select(c => c.MountAsync("BenchCounter")));
            var latencies = handles.Select(_ => new LatencyRecorder()).ToArray();
            var calls = new long[clients];
            async Task Step(int i, bool record)
            {
                var started = Stopwatch.GetTimestamp();
                await handles[i].InvokeAsync("increment");
                calls[i]++;
                if (record)
                {
                    latencies[i].Add(Stopwatch.GetTimestamp() - started);
                }
            }

            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            var warmup = await Phases.WarmUpUntilJitSettlesAsync(
                progress, "Live: warm up", Phases.Warmup(duration), MaxWarmup, clients, i => Step(i, record: false),
                liveUrl is null ? null : async () => (await ServerStats.TryFetchAsync(http, liveUrl))?.CompiledMethods);
            var flushes = server?.Bytes.Flushes ?? 0;
            var tokens = probe?.TokensSigned ?? 0;
            var remoteBefore = liveUrl is null ? null : await ServerStats.TryFetchAsync(http, liveUrl);
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var jit = System.Runtime.JitInfo.GetCompilationTime();
            var (steps, elapsed, cpu) = await Phases.RunAsync(progress, "Live: measure", duration, clients, MaxStepsPerClient, i => Step(i, record: true));
            allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
            var remoteAfter = liveUrl is null ? null : await ServerStats.TryFetchAsync(http, liveUrl);

            var result = Summarize(steps, elapsed, cpu, allocated, latencies);
            result.Add("JIT time while measuring (process)", (System.Runtime.JitInfo.GetCompilationTime() - jit).TotalMilliseconds, "ms");
            result.Add("warm-up (until the JIT settles)", warmup.TotalSeconds, "s");
            if (remoteBefore is not null && remoteAfter is not null)
            {
                // The server runs in another process (--url): its own CPU and allocations, per round trip.
                result.Add("server CPU/round trip (--url process)", (remoteAfter.CpuMicroseconds - remoteBefore.CpuMicroseconds) / (double)steps, "µs");
                result.Add("server allocated/round trip (--url process)", (remoteAfter.AllocatedBytes - remoteBefore.AllocatedBytes) / (double)steps, "B");
                result.Add("server JIT time while measuring (--url process)", (remoteAfter.JitMicroseconds - remoteBefore.JitMicroseconds) / 1000.0, "ms");
            }

            if (server is not null)
            {
                result.Add("server socket flushes/round trip", (server.Bytes.Flushes - flushes) / (double)steps, "count");

                // Signing is throttled per instance (Live:Signing:TokenInterval), so this stays far below 1.
                result.Add("state tokens signed/round trip", (probe!.TokensSigned - tokens) / (double)steps, "count");
            }

            var wrong = handles.Select((h, i) => h.State["count"]!.GetValue<long>() - calls[i]).Count(d => d != 0);
            if (wrong > 0)
            {
                result.Notes.Add($"Live: {wrong} clients' state differs from the number of increments they made!");
            }

            return result;
        }
        finally
        {
            await Task.WhenAll(connections.Select(c => c.DisposeAsync().AsTask()));
        }
    }

    public async Task<SideResult> RunBaselineAsync(ProgressContext progress)
    {
        await using var server = await BenchServer.StartAsync(ServerKind.SignalR);
        var connections = await BenchClients.ConnectSignalRAsync(server.HubUri, clients, progress.AddTask("SignalR: connect"));
        try
        {
            var counts = new int[clients];
            for (var i = 0; i < clients; i++)
            {
                var index = i;
                connections[i].On<CounterMessage>("state", s => counts[index] = s.Count);
            }

            var latencies = connections.Select(_ => new LatencyRecorder()).ToArray();
            async Task Step(int i, bool record)
            {
                var started = Stopwatch.GetTimestamp();
                await connections[i].InvokeAsync("Increment");
                if (record)
                {
                    latencies[i].Add(Stopwatch.GetTimestamp() - started);
                }
            }

            var warmup = await Phases.WarmUpUntilJitSettlesAsync(progress, "SignalR: warm up", Phases.Warmup(duration), MaxWarmup, clients, i => Step(i, record: false));
            var flushes = server.Bytes.Flushes;
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var jit = System.Runtime.JitInfo.GetCompilationTime();
            var (steps, elapsed, cpu) = await Phases.RunAsync(progress, "SignalR: measure", duration, clients, MaxStepsPerClient, i => Step(i, record: true));
            allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
            var result = Summarize(steps, elapsed, cpu, allocated, latencies);
            result.Add("JIT time while measuring (process)", (System.Runtime.JitInfo.GetCompilationTime() - jit).TotalMilliseconds, "ms");
            result.Add("warm-up (until the JIT settles)", warmup.TotalSeconds, "s");
            result.Add("server socket flushes/round trip", (server.Bytes.Flushes - flushes) / (double)steps, "count");
            return result;
        }
        finally
        {
            await Task.WhenAll(connections.Select(c => c.DisposeAsync().AsTask()));
        }
    }

    private static SideResult Summarize(long steps, TimeSpan elapsed, TimeSpan cpu, long allocated, LatencyRecorder[] latencies)
    {
        var p = LatencyRecorder.Merge(latencies);
        var result = new SideResult();
        result.Add("round trips/s", steps / elapsed.TotalSeconds, "1/s");
        result.Add("latency p50", p.P50, "ms");
        result.Add("latency p99", p.P99, "ms");
        result.Add("latency p99.9", p.P999, "ms");
        result.Add("latency max", p.Max, "ms");
        result.Add("round trips", steps, "count");
        result.Add("CPU/round trip (process: clients + server)", cpu.TotalMicroseconds / steps, "µs");
        result.Add("allocated/round trip (process: clients + server)", allocated / (double)steps, "B");
        return result;
    }

    private sealed record CounterMessage(int Count);
}
