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
    // Ten segments per window: a refused caller learns the earliest moment a permit can come back (one segment).
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

        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait)
            ? Math.Max(1, (int)Math.Ceiling(wait.TotalMilliseconds))
            : Math.Max(1, (int)(limit.Window.TotalMilliseconds / SegmentsPerWindow));
        return new ProtocolError(
            ErrorCodes.RateLimited,
            $"The action '{action.Name}' of '{component.Name}' allows {limit}; retry after {retryAfter} ms.",
            RetryAfterMs: retryAfter);
    }

    public void Dispose() => limiter.Dispose();

    private readonly record struct Key(string Component, string Action, string Subject, ActionRateLimit Limit);
}
