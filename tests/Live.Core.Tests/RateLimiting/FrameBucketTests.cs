using Live.RateLimiting;
using Microsoft.Extensions.Time.Testing;

namespace Live.Core.Tests.RateLimiting;

public sealed class FrameBucketTests
{
    private readonly FakeTimeProvider time = new();

    [Fact]
    public void A_full_bucket_lets_a_burst_through_then_refuses_with_the_time_until_the_next_token()
    {
        var bucket = new FrameBucket(burst: 3, time);

        var taken = Enumerable.Range(0, 3).Count(i => bucket.TryTake(perSecond: 10, burst: 3, time, out _));
        var refused = !bucket.TryTake(10, 3, time, out var retryAfter);

        Assert.Equal(3, taken);
        Assert.True(refused);
        Assert.Equal(TimeSpan.FromMilliseconds(100), retryAfter);
    }

    [Fact]
    public void Tokens_come_back_at_the_rate_and_never_above_the_burst()
    {
        var bucket = new FrameBucket(burst: 2, time);
        Assert.True(bucket.TryTake(10, 2, time, out _));
        Assert.True(bucket.TryTake(10, 2, time, out _));

        time.Advance(TimeSpan.FromMilliseconds(100));
        Assert.True(bucket.TryTake(10, 2, time, out _));
        Assert.False(bucket.TryTake(10, 2, time, out _));

        time.Advance(TimeSpan.FromHours(1));
        var afterLongQuiet = Enumerable.Range(0, 5).Count(i => bucket.TryTake(10, 2, time, out _));
        Assert.Equal(2, afterLongQuiet);
    }

    [Fact]
    public void A_partial_token_shortens_the_wait()
    {
        var bucket = new FrameBucket(burst: 1, time);
        Assert.True(bucket.TryTake(4, 1, time, out _));

        time.Advance(TimeSpan.FromMilliseconds(100));

        Assert.False(bucket.TryTake(4, 1, time, out var retryAfter));
        Assert.Equal(150, retryAfter.TotalMilliseconds, precision: 3);
    }
}
