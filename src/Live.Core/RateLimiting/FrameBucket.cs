namespace Live.RateLimiting;

/// <summary>
/// The per-connection inbound frame limit (<c>Limits.InboundFramesPerSecond</c>, bursts of <c>InboundFrameBurst</c>):
/// a token bucket refilled continuously from the elapsed time, kept inline in the session (16 bytes). It replaces a
/// <c>PartitionedRateLimiter</c> partition per connection (≈ 300 bytes of limiter, options, lazy and dictionary entry
/// on every idle connection, and a shared dictionary lookup per frame); only the receive loop touches it, so it
/// takes no lock. Action limits (<c>[RateLimit]</c>) stay on <c>System.Threading.RateLimiting</c>.
/// </summary>
internal struct FrameBucket
{
    private double tokens;
    private long refilledAt;

    /// <summary>A full bucket as of now.</summary>
    public FrameBucket(int burst, TimeProvider time)
    {
        tokens = burst;
        refilledAt = time.GetTimestamp();
    }

    /// <summary>Takes one token; when there is none, says how long until there is.</summary>
    public bool TryTake(int perSecond, int burst, TimeProvider time, out TimeSpan retryAfter)
    {
        var now = time.GetTimestamp();
        var elapsed = time.GetElapsedTime(refilledAt, now);
        if (elapsed > TimeSpan.Zero)
        {
            tokens = Math.Min(burst, tokens + (elapsed.TotalSeconds * perSecond));
            refilledAt = now;
        }

        if (tokens >= 1)
        {
            tokens -= 1;
            retryAfter = TimeSpan.Zero;
            return true;
        }

        retryAfter = TimeSpan.FromSeconds((1 - tokens) / perSecond);
        return false;
    }
}
