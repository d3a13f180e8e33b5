namespace Live.Metrics;

/// <summary>Count, failures and timing of one action, updated lock-free.</summary>
internal sealed class ActionStatistics
{
    private long count;
    private long errors;
    private long totalTicks;
    private long maxTicks;

    /// <summary>Requests that reached the action's instance.</summary>
    public long Count => Interlocked.Read(ref count);

    /// <summary>Of those, the ones that did not end <c>ok</c>.</summary>
    public long Errors => Interlocked.Read(ref errors);

    public TimeSpan Mean
    {
        get
        {
            var n = Count;
            return n == 0 ? TimeSpan.Zero : TimeSpan.FromTicks(Interlocked.Read(ref totalTicks) / n);
        }
    }

    public TimeSpan Max => TimeSpan.FromTicks(Interlocked.Read(ref maxTicks));

    public void Record(string outcome, TimeSpan elapsed)
    {
        Interlocked.Increment(ref count);
        if (!string.Equals(outcome, ActionOutcomes.Ok, StringComparison.Ordinal))
        {
            Interlocked.Increment(ref errors);
        }

        Interlocked.Add(ref totalTicks, elapsed.Ticks);
        var ticks = elapsed.Ticks;
        var max = Interlocked.Read(ref maxTicks);
        while (ticks > max)
        {
            var seen = Interlocked.CompareExchange(ref maxTicks, ticks, max);
            if (seen == max)
            {
                break;
            }

            max = seen;
        }
    }
}
