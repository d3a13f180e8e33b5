using System.Diagnostics;

namespace Live.LoadTest.Measurement;

/// <summary>Accumulates server-side time of the baseline's hub methods.</summary>
public sealed class ServerTimer
{
    private long count;
    private long ticks;

    public void Record(long startTimestamp)
    {
        Interlocked.Increment(ref count);
        Interlocked.Add(ref ticks, Stopwatch.GetTimestamp() - startTimestamp);
    }

    public (long Count, double Seconds) Snapshot() =>
        (Interlocked.Read(ref count), Interlocked.Read(ref ticks) / (double)Stopwatch.Frequency);
}
