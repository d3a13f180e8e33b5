using System.Threading.RateLimiting;
using Live.Authentication;
using Live.Protocol;
using Live.Registration;

namespace Live.RateLimiting;

/// <summary>
/// Applies the <c>[RateLimit]</c> of actions: one sliding-window limiter per (component, action, connection or user),
/// all behind a single partitioned limiter whose one timer replenishes every partition and drops idle ones.
/// </summary>
internal sealed class ActionRateLimiter : IDisposable
{
    // Ten segments per window: the window slides in steps of a tenth.
    private const int SegmentsPerWindow = 10;

    private readonly PartitionedRateLimiter<Key> limiter = PartitionedRateLimiter.Create<Key, Key>(static key =>
        RateLimitPartition.GetSlidingWindowLimiter(key, static k => new SlidingWindowRateLimiterOptions
        {
            PermitLimit = k.Limit.Permits,
            Window = k.Limit.Window,
            SegmentsPerWindow = SegmentsPerWindow,
            QueueLimit = 0,
            AutoReplenishment = false,
        }));

    /// <summary>
    /// Takes one permit for a call of <paramref name="action"/>; answers the <c>rate_limited</c> error when none is left,
    /// or <see langword="null"/> when the call may run (always, for actions without <c>[RateLimit]</c>).
    /// </summary>
    public ProtocolError? TryAcquire(ComponentDescriptor component, ActionDescriptor action, LiveConnectionContext connection)
    {
        if (action.RateLimit is not { } limit)
        {
            return null;
        }

        var subject = limit.PerUser && UserKeys.Of(connection.User) is { } user ? "u:" + user : "c:" + connection.ConnectionId;
        using var lease = limiter.AttemptAcquire(new Key(component.Name, action.Name, subject, limit));
        if (lease.IsAcquired)
        {
            return null;
        }

        // A sliding window's refusal carries no retry-after, and the earliest moment a permit comes back depends on
        // when the oldest counted call was made, which the limiter does not tell. So the hint is the moment by which
        // a permit is certainly back: one window, plus one segment for the heartbeat that slides it. A client that
        // waits that long gets through on its first retry instead of polling.
        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait)
            ? Math.Max(1, (int)Math.Ceiling(wait.TotalMilliseconds))
            : Math.Max(1, (int)Math.Ceiling(limit.Window.TotalMilliseconds * (SegmentsPerWindow + 1) / SegmentsPerWindow));
        return new ProtocolError(
            ErrorCodes.RateLimited,
            $"The action '{action.Name}' of '{component.Name}' allows {limit}; retry after {retryAfter} ms.",
            RetryAfterMs: retryAfter);
    }

    public void Dispose() => limiter.Dispose();

    private readonly record struct Key(string Component, string Action, string Subject, ActionRateLimit Limit);
}
