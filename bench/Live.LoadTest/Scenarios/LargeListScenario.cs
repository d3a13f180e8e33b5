using System.Diagnostics;
using System.Globalization;
using Live.LoadTest.Components;
using Live.LoadTest.Hosting;
using Live.LoadTest.Measurement;
using Microsoft.AspNetCore.SignalR.Client;
using Spectre.Console;

namespace Live.LoadTest.Scenarios;

/// <summary>
/// Each client holds a 10,000-item keyed list and toggles one random item per action, waiting for the change to
/// arrive. Bytes on the wire per action and server time per action.
/// </summary>
public sealed class LargeListScenario(int clients, TimeSpan duration, Uri? liveUrl) : IScenario
{
    private const long MaxStepsPerClient = 1_000_000;

    public string Name => "large-list";

    public string BaselineDescription =>
        "SignalR hub 'Toggle': per-connection BenchItem[10000], pushes only the changed item {id,text,done} to the caller " +
        "(the smallest message a hand-written app would send; pushing the whole list would cost the mount size per action)";

    public IReadOnlyDictionary<string, string> Parameters => new Dictionary<string, string>
    {
        ["clients"] = clients.ToString(CultureInfo.InvariantCulture),
        ["seconds"] = duration.TotalSeconds.ToString(CultureInfo.InvariantCulture),
        ["items"] = BenchListState.Size.ToString(CultureInfo.InvariantCulture),
    };

    public async Task<SideResult> RunLiveAsync(ProgressContext progress)
    {
        await using var server = liveUrl is null ? await BenchServer.StartAsync(ServerKind.Live) : null;
        server?.Bytes.CaptureFrames = true;
        using var probe = server is null ? null : new LiveMeterProbe(server.Services);
        var connections = await BenchClients.ConnectLiveAsync(liveUrl ?? server!.EndpointUri, clients, progress.AddTask("Live: connect"));
        try
        {
            var beforeMount = server?.Bytes.Sent ?? 0;
            var handles = await Task.WhenAll(connections.Select(c => c.MountAsync("BenchList")));
            var mountBytes = ((server?.Bytes.Sent ?? 0) - beforeMount) / (double)clients;
            var latencies = handles.Select(_ => new LatencyRecorder()).ToArray();
            var random = handles.Select((_, i) => new Random(i)).ToArray();
            async Task Step(int i, bool record)
            {
                var started = Stopwatch.GetTimestamp();
                await handles[i].InvokeAsync("toggle", new { id = random[i].Next(BenchListState.Size) });
                if (record)
                {
                    latencies[i].Add(Stopwatch.GetTimestamp() - started);
                }
            }

            await Phases.RunAsync(progress, "Live: warm up", Phases.Warmup(duration), clients, MaxStepsPerClient, i => Step(i, record: false));
            var tcp = (server?.Bytes.Sent ?? 0, server?.Bytes.Received ?? 0);
            var frames = server?.Bytes.Frames.Snapshot();
            var app = probe?.Snapshot() ?? default;
            var (steps, elapsed, cpu) = await Phases.RunAsync(progress, "Live: measure", duration, clients, MaxStepsPerClient, i => Step(i, record: true));
            var result = Summarize(steps, elapsed, cpu, latencies);
            if (server is not null)
            {
                var appAfter = probe!.Snapshot();
                result.Add("wire bytes/action, server→client", (server.Bytes.Sent - tcp.Item1) / (double)steps, "B");
                result.Add("wire bytes/action, client→server", (server.Bytes.Received - tcp.Item2) / (double)steps, "B");
                result.Add("server time/action", (appAfter.ActionSeconds - app.ActionSeconds) * 1000 / (appAfter.Actions - app.Actions), "ms");
                result.Add("mount bytes (full list)", mountBytes, "B");
                AddFrameBreakdown(result, "Live", frames!, server.Bytes.Frames.Snapshot(), steps);
                result.Notes.Add(string.Create(CultureInfo.InvariantCulture,
                    $"Live frames (payload only): {(appAfter.Sent - app.Sent) / (double)steps:0.#} B/action server→client (patch + result), {(appAfter.Received - app.Received) / (double)steps:0.#} B/action client→server"));
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
        server.Bytes.CaptureFrames = true;
        var timer = (ServerTimer)server.Services.GetService(typeof(ServerTimer))!;
        var connections = await BenchClients.ConnectSignalRAsync(server.HubUri, clients, progress.AddTask("SignalR: connect"));
        try
        {
            var beforeMount = server.Bytes.Sent;
            var lists = await Task.WhenAll(connections.Select(c => c.InvokeAsync<BenchItem[]>("MountList")));
            var mountBytes = (server.Bytes.Sent - beforeMount) / (double)clients;
            for (var i = 0; i < clients; i++)
            {
                var list = lists[i];
                connections[i].On<BenchItem>("itemChanged", item => list[item.Id] = item);
            }

            var latencies = connections.Select(_ => new LatencyRecorder()).ToArray();
            var random = connections.Select((_, i) => new Random(i)).ToArray();
            async Task Step(int i, bool record)
            {
                var started = Stopwatch.GetTimestamp();
                await connections[i].InvokeAsync("Toggle", random[i].Next(BenchListState.Size));
                if (record)
                {
                    latencies[i].Add(Stopwatch.GetTimestamp() - started);
                }
            }

            await Phases.RunAsync(progress, "SignalR: warm up", Phases.Warmup(duration), clients, MaxStepsPerClient, i => Step(i, record: false));
            var (sent, received) = (server.Bytes.Sent, server.Bytes.Received);
            var frames = server.Bytes.Frames.Snapshot();
            var time = timer.Snapshot();
            var (steps, elapsed, cpu) = await Phases.RunAsync(progress, "SignalR: measure", duration, clients, MaxStepsPerClient, i => Step(i, record: true));
            var timeAfter = timer.Snapshot();
            var result = Summarize(steps, elapsed, cpu, latencies);
            result.Add("wire bytes/action, server→client", (server.Bytes.Sent - sent) / (double)steps, "B");
            result.Add("wire bytes/action, client→server", (server.Bytes.Received - received) / (double)steps, "B");
            result.Add("server time/action", (timeAfter.Seconds - time.Seconds) * 1000 / (timeAfter.Count - time.Count), "ms");
            result.Add("mount bytes (full list)", mountBytes, "B");
            AddFrameBreakdown(result, "SignalR", frames, server.Bytes.Frames.Snapshot(), steps);
            return result;
        }
        finally
        {
            await Task.WhenAll(connections.Select(c => c.DisposeAsync().AsTask()));
        }
    }

    /// <summary>
    /// The frame-level capture of the measured phase: per kind of server → client frame (the message <c>type</c>,
    /// or the WebSocket opcode), frames and wire bytes (header + payload) per action.
    /// </summary>
    private static void AddFrameBreakdown(
        SideResult result, string side, IReadOnlyDictionary<string, (long Frames, long Bytes)> before, IReadOnlyDictionary<string, (long Frames, long Bytes)> after, long steps)
    {
        foreach (var (kind, (frames, bytes)) in after.OrderBy(k => k.Key, StringComparer.Ordinal))
        {
            var (framesBefore, bytesBefore) = before.TryGetValue(kind, out var b) ? b : default;
            if (frames == framesBefore)
            {
                continue;
            }

            result.Notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"{side} server→client frames '{kind}': {(frames - framesBefore) / (double)steps:0.####} frames/action, {(bytes - bytesBefore) / (double)steps:0.##} wire B/action, {(bytes - bytesBefore) / (double)(frames - framesBefore):0.#} B/frame"));
        }
    }

    private static SideResult Summarize(long steps, TimeSpan elapsed, TimeSpan cpu, LatencyRecorder[] latencies)
    {
        var p = LatencyRecorder.Merge(latencies);
        var result = new SideResult();
        result.Add("toggles/s", steps / elapsed.TotalSeconds, "1/s");
        result.Add("latency p50", p.P50, "ms");
        result.Add("latency p99", p.P99, "ms");
        result.Add("CPU/action (process: clients + server)", cpu.TotalMicroseconds / steps, "µs");
        return result;
    }
}
