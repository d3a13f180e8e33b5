using System.Security.Claims;
using Live.RateLimiting;

namespace Live.Core.Tests.Authorization;

public sealed class ActionRateLimiterTests
{
    [Fact]
    public void Per_user_key_is_the_name_identifier_then_the_name_and_none_for_anonymous_users()
    {
        var withId = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, "42"), new Claim(ClaimTypes.Name, "bob")], "test"));
        var withName = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "bob")], "test"));
        var anonymous = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "claims-but-no-authentication")]));

        Assert.Equal("42", ActionRateLimiter.UserKey(withId));
        Assert.Equal("bob", ActionRateLimiter.UserKey(withName));
        Assert.Null(ActionRateLimiter.UserKey(anonymous));
    }

    [Fact]
    public void Limit_describes_itself_for_the_error_message()
    {
        Assert.Equal("5 calls per 10 s per connection", new ActionRateLimit(5, TimeSpan.FromSeconds(10)).ToString());
        Assert.Equal("1 call per 60 s per user", new ActionRateLimit(1, TimeSpan.FromMinutes(1), PerUser: true).ToString());
    }
}
