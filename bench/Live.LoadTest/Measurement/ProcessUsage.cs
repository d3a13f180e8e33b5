using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;

namespace Live.LoadTest.Measurement;

/// <summary>
/// The CPU time a process has used and the bytes it has allocated so far, as served by <c>/bench/cpu</c>. Read before
/// and after a phase, they split an out-of-process server's cost per round trip from the clients'.
/// </summary>
public sealed record ProcessUsage(
    [property: JsonPropertyName("cpuMicroseconds")] double CpuMicroseconds,
    [property: JsonPropertyName("allocatedBytes")] long AllocatedBytes,
    [property: JsonPropertyName("jitMicroseconds")] double JitMicroseconds,
    [property: JsonPropertyName("compiledMethods")] long CompiledMethods)
{
    public static ProcessUsage Measure()
    {
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return new ProcessUsage(process.TotalProcessorTime.TotalMicroseconds, GC.GetTotalAllocatedBytes(precise: false), System.Runtime.JitInfo.GetCompilationTime().TotalMicroseconds,
            System.Runtime.JitInfo.GetCompiledMethodCount());
    }

    /// <summary>The <c>/bench/cpu</c> endpoint (written by hand: the slim host has no reflection-based JSON).</summary>
    public static IResult Handle()
    {
        var usage = Measure();
        return Results.Content(
            string.Create(CultureInfo.InvariantCulture, $"{{\"cpuMicroseconds\":{usage.CpuMicroseconds},\"allocatedBytes\":{usage.AllocatedBytes},\"jitMicroseconds\":{usage.JitMicroseconds},\"compiledMethods\":{usage.CompiledMethods}}}"),
            "application/json");
    }

    /// <summary>Reads <c>/bench/cpu</c> of the bench server behind a <c>ws://host:port/live</c> address; null when it has none.</summary>
    public static async Task<ProcessUsage?> ReadRemoteAsync(HttpClient http, Uri liveUrl)
    {
        try
        {
            return await http.GetFromJsonAsync<ProcessUsage>(new Uri($"http://{liveUrl.Authority}/bench/cpu"));
        }
        catch (Exception ex) when (ex is HttpRequestException or System.Text.Json.JsonException or TaskCanceledException)
        {
            return null;
        }
    }
}
