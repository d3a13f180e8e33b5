using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Http;
using System.Text.Json.Serialization;

namespace Live.LoadTest.Measurement;

/// <summary>The process's memory after a full blocking collection, as served by <c>/bench/memory</c>.</summary>
public sealed record MemoryReport(
    [property: JsonPropertyName("gcHeap")] long GcHeap,
    [property: JsonPropertyName("workingSet")] long WorkingSet)
{
    public static MemoryReport Measure()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return new MemoryReport(GC.GetTotalMemory(forceFullCollection: false), process.WorkingSet64);
    }

    /// <summary>The <c>/bench/memory</c> endpoint (written by hand: the slim host has no reflection-based JSON).</summary>
    public static IResult Handle()
    {
        var report = Measure();
        return Results.Content(
            string.Create(CultureInfo.InvariantCulture, $"{{\"gcHeap\":{report.GcHeap},\"workingSet\":{report.WorkingSet}}}"),
            "application/json");
    }
}
