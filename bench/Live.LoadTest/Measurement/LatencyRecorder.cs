using System.Diagnostics;

namespace Live.LoadTest.Measurement;

/// <summary>Latencies of one client, in <see cref="Stopwatch"/> ticks; merged after the run for percentiles.</summary>
public sealed class LatencyRecorder
{
    private readonly List<long> ticks = new(4096);

    public int Count => ticks.Count;

    public void Add(long elapsedTicks) => ticks.Add(elapsedTicks);

    /// <summary>Percentiles (0–100) in milliseconds over all <paramref name="recorders"/>.</summary>
    public static Percentiles Merge(IEnumerable<LatencyRecorder> recorders)
    {
        var all = recorders.SelectMany(r => r.ticks).ToArray();
        Array.Sort(all);
        return new Percentiles(
            At(all, 50),
            At(all, 99),
            At(all, 99.9),
            all.Length == 0 ? double.NaN : ToMs(all[^1]),
            all.Length);
    }

    private static double At(long[] sorted, double percentile)
    {
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(percentile / 100 * sorted.Length) - 1;
        return ToMs(sorted[Math.Clamp(rank, 0, sorted.Length - 1)]);
    }

    private static double ToMs(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}

public readonly record struct Percentiles(double P50, double P99, double P999, double Max, int Count);
