using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Live.LoadTest.Hosting;
using Microsoft.AspNetCore.Http;

namespace Live.LoadTest.Measurement;

/// <summary>
/// A bench server process's running totals, as served by <c>/bench/stats</c> (loopback callers only): bytes allocated
/// on the managed heap since it started (every thread), CPU time, bytes sent on its connections, and the JIT's time
/// and compiled methods. The load generator reads them before and after the measured phase of a server in another
/// process, so allocations and CPU per delivery or round trip are the server's alone, and waits for the server's JIT
/// to settle before measuring.
/// </summary>
public sealed record ServerStats(
    [property: JsonPropertyName("allocatedBytes")] long AllocatedBytes,
    [property: JsonPropertyName("cpuMicroseconds")] long CpuMicroseconds,
    [property: JsonPropertyName("bytesSent")] long BytesSent,
    [property: JsonPropertyName("jitMicroseconds")] long JitMicroseconds,
    [property: JsonPropertyName("compiledMethods")] long CompiledMethods)
{
    public const string Path = "/bench/stats";

    public static ServerStats Measure(ByteCounter bytes)
    {
        using var process = Process.GetCurrentProcess();
        return new ServerStats(
            GC.GetTotalAllocatedBytes(precise: true),
            (long)process.TotalProcessorTime.TotalMicroseconds,
            bytes.Sent,
            (long)System.Runtime.JitInfo.GetCompilationTime().TotalMicroseconds,
            System.Runtime.JitInfo.GetCompiledMethodCount());
    }

    /// <summary>The endpoint (written by hand: the slim host has no reflection-based JSON); 403 for a non-loopback caller.</summary>
    public static IResult Handle(HttpContext context, ByteCounter bytes)
    {
        if (context.Connection.RemoteIpAddress is not { } remote || !IPAddress.IsLoopback(remote))
        {
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }

        var stats = Measure(bytes);
        return Results.Content(
            string.Create(CultureInfo.InvariantCulture, $"{{\"allocatedBytes\":{stats.AllocatedBytes},\"cpuMicroseconds\":{stats.CpuMicroseconds},\"bytesSent\":{stats.BytesSent},\"jitMicroseconds\":{stats.JitMicroseconds},\"compiledMethods\":{stats.CompiledMethods}}}"),
            "application/json");
    }

    /// <summary>Reads the stats of the bench server at <paramref name="server"/> (any URL of it); <see langword="null"/> when it serves none.</summary>
    public static async Task<ServerStats?> TryFetchAsync(HttpClient http, Uri server)
    {
        var builder = new UriBuilder(server) { Scheme = server.Scheme is "wss" or "https" ? "https" : "http", Path = Path, Query = string.Empty };
        try
        {
            return await http.GetFromJsonAsync<ServerStats>(builder.Uri);
        }
        catch (Exception ex) when (ex is HttpRequestException or System.Text.Json.JsonException or TaskCanceledException)
        {
            return null;
        }
    }

    /// <summary>What the server did between <paramref name="before"/> and this reading.</summary>
    public ServerStats Since(ServerStats before) =>
        new(
            AllocatedBytes - before.AllocatedBytes,
            CpuMicroseconds - before.CpuMicroseconds,
            BytesSent - before.BytesSent,
            JitMicroseconds - before.JitMicroseconds,
            CompiledMethods - before.CompiledMethods);
}
