using System.Diagnostics;
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

    public static MemoryReport Handle() => Measure();
}
