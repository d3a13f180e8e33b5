using Live.RateLimiting;

namespace Live.Core.Tests.Authorization;

public sealed class ActionRateLimiterTests
{
    [Fact]
    public void Limit_describes_itself_for_the_error_message()
    {
        Assert.Equal("5 calls per 10 s per connection", new ActionRateLimit(5, TimeSpan.FromSeconds(10)).ToString());
        Assert.Equal("1 call per 60 s per user", new ActionRateLimit(1, TimeSpan.FromMinutes(1), PerUser: true).ToString());
    }
}
