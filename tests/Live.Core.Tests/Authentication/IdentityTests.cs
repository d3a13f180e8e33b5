using System.Security.Claims;
using Live.Authentication;

namespace Live.Core.Tests.Authentication;

public sealed class IdentityTests
{
    private static ClaimsPrincipal User(params Claim[] claims) => new(new ClaimsIdentity(claims, "test"));

    [Fact]
    public void The_tickets_expiry_wins_over_the_exp_claim()
    {
        var ticket = new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);

        Assert.Equal(ticket, ConnectionIdentity.ExpiryOf(ticket, User(new Claim("exp", "1"))));
    }

    [Fact]
    public void Without_a_ticket_expiry_the_jwt_exp_claim_is_used()
    {
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1_900_000_000), ConnectionIdentity.ExpiryOf(null, User(new Claim("exp", "1900000000"))));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("soon")]
    [InlineData("-5")]
    [InlineData("99999999999999999999")]
    public void A_missing_or_unusable_exp_claim_means_no_expiry(string? exp)
    {
        var user = exp is null ? User() : User(new Claim("exp", exp));

        Assert.Null(ConnectionIdentity.ExpiryOf(null, user));
    }

    [Fact]
    public void Users_are_keyed_by_name_identifier_then_sub_then_name_and_anonymous_has_no_key()
    {
        Assert.Equal("id:42", UserKeys.Of(User(new Claim(ClaimTypes.NameIdentifier, "42"), new Claim(ClaimTypes.Name, "alice"))));
        Assert.Equal("id:7", UserKeys.Of(User(new Claim("sub", "7"), new Claim(ClaimTypes.Name, "alice"))));
        Assert.Equal("name:alice", UserKeys.Of(User(new Claim(ClaimTypes.Name, "alice"))));
        Assert.Null(UserKeys.Of(User()));
        Assert.Null(UserKeys.Of(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "alice")]))));
    }

    [Fact]
    public void Connection_slots_are_counted_per_user_and_released_once()
    {
        var counter = new ConnectionsPerUser();

        Assert.True(counter.TryAcquire("id:a", 2, out var first));
        Assert.True(counter.TryAcquire("id:a", 2, out var second));
        Assert.False(counter.TryAcquire("id:a", 2, out _));
        Assert.True(counter.TryAcquire("id:b", 2, out var other));
        Assert.True(counter.TryAcquire(null, 2, out _));

        first.Dispose();
        first.Dispose();
        Assert.True(counter.TryAcquire("id:a", 2, out var third));
        Assert.False(counter.TryAcquire("id:a", 2, out _));

        second.Dispose();
        third.Dispose();
        other.Dispose();
        Assert.Equal(0, counter.UserCount);
    }

    [Fact]
    public void Without_a_limit_every_connection_gets_a_slot()
    {
        var counter = new ConnectionsPerUser();

        for (var i = 0; i < 100; i++)
        {
            Assert.True(counter.TryAcquire("id:a", null, out _));
        }

        Assert.Equal(0, counter.UserCount);
    }
}
