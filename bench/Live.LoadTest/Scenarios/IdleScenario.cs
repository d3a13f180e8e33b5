using System.Globalization;
using System.Net.WebSockets;
using Live.LoadTest.Hosting;
using Live.LoadTest.Measurement;
using Spectre.Console;

namespace Live.LoadTest.Scenarios;

/// <summary>
/// N idle connections, each holding one mounted counter. The server runs in a child process; its GC heap and working
/// set are read (after full collections) before and after the connections open, and the difference divided by N.
/// </summary>
public sealed class IdleScenario(int clients, TimeSpan settle, string? gcDumpDirectory) : IScenario
{
    private const int WarmupConnections = 50;
    private const string LiveMount = """{"type":"mount","id":"1","component":"BenchCounter"}""";
    private const string SignalRHandshake = "{\"protocol\":\"json\",\"version\":1}\u001e";
    private const string SignalRMount = "{\"type\":1,\"invocationId\":\"1\",\"target\":\"Mount\",\"arguments\":[]}\u001e";

    public string Name => "idle";

    public string BaselineDescription =>
        "SignalR: N WebSocket connections to the hub (no negotiate), each after invoking 'Mount' (per-connection counter in Context.Items)";

    public IReadOnlyDictionary<string, string> Parameters => new Dictionary<string, string>
    {
        ["clients"] = clients.ToString(CultureInfo.InvariantCulture),
        ["settle seconds"] = settle.TotalSeconds.ToString(CultureInfo.InvariantCulture),
    };

    // idle always starts its own server process (its memory is what is measured), so --url does not apply.
    public async Task<SideResult> RunLiveAsync(ProgressContext progress)
    {
        var live = await RunAsync(progress, ServerKind.Live, server => new Uri($"ws://{server.BaseUri.Authority}{BenchServer.LivePath}"), "live.v1", [LiveMount], "\"mounted\"");
        var direct = await RunAsync(progress, ServerKind.LiveDirect, server => new Uri($"ws://{server.BaseUri.Authority}{BenchServer.LivePath}"), "live.v1", [LiveMount], "\"mounted\"");
        live.Add("GC heap/connection, UseLive() (connection level)", direct.Get("GC heap/connection") ?? double.NaN, "B");
        live.Add("working set/connection, UseLive() (connection level)", direct.Get("working set/connection") ?? double.NaN, "B");
        var floor = await RunAsync(progress, ServerKind.RawWebSocket, server => new Uri($"ws://{server.BaseUri.Authority}{BenchServer.RawPath}"), null, ["hello"], "\"ok\"");
        live.Notes.Add(string.Create(CultureInfo.InvariantCulture,
            $"floor, a bare Kestrel WebSocket endpoint holding the same N connections: {floor.Get("GC heap/connection"):N0} B GC heap/connection, {floor.Get("working set/connection"):N0} B working set/connection"));
        return live;
    }

    public Task<SideResult> RunBaselineAsync(ProgressContext progress) =>
        RunAsync(progress, ServerKind.SignalR, server => new Uri($"ws://{server.BaseUri.Authority}{BenchServer.HubPath}"), null, [SignalRHandshake, SignalRMount], "\"type\":3");

    private async Task<SideResult> RunAsync(ProgressContext progress, ServerKind kind, Func<ChildServer, Uri> endpoint, string? subProtocol, string[] frames, string expect)
    {
        var side = kind.ToString();
        // No byte counter here: it is the bench's own instrumentation, and this scenario measures memory only.
        await using var server = await ChildServer.StartAsync(kind, countBytes: false);
        var uri = endpoint(server);

        // Warm up: JIT, pools and caches are a one-off cost, not a per-connection one.
        var warm = await BenchClients.ManyAsync(WarmupConnections, progress.AddTask($"{side}: warm up"), _ => BenchClients.OpenRawAsync(uri, subProtocol, frames, expect));
        await CloseAllAsync(warm);
        var before = await server.MemoryAsync();

        var sockets = await BenchClients.ManyAsync(clients, progress.AddTask($"{side}: open {clients} connections"), _ => BenchClients.OpenRawAsync(uri, subProtocol, frames, expect));
        try
        {
            if (settle > TimeSpan.Zero)
            {
                // The same wait for every server: Kestrel's memory pool gives back blocks that stay unused.
                await Task.Delay(settle);
            }

            var after = await server.MemoryAsync();
            if (gcDumpDirectory is not null)
            {
                await server.GcDumpAsync(Path.Combine(gcDumpDirectory, $"{side.ToLowerInvariant()}-{clients}.gcdump"));
            }

            var result = new SideResult();
            result.Add("GC heap/connection", (after.GcHeap - before.GcHeap) / (double)clients, "B");
            result.Add("working set/connection", (after.WorkingSet - before.WorkingSet) / (double)clients, "B");
            result.Add("GC heap with N open", after.GcHeap / 1024.0 / 1024.0, "MiB");
            result.Add("working set with N open", after.WorkingSet / 1024.0 / 1024.0, "MiB");
            return result;
        }
        finally
        {
            await CloseAllAsync(sockets);
        }
    }

    private static async Task CloseAllAsync(ClientWebSocket[] sockets)
    {
        await Task.WhenAll(sockets.Select(async s =>
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await s.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "done", timeout.Token);
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
            {
                // Going away anyway.
            }
            finally
            {
                s.Dispose();
            }
        }));
    }
}
