using System.Security.Claims;
using Live.Presence;
using Microsoft.Extensions.DependencyInjection;

namespace Live.Core.Tests.Presence;

public sealed class UserIdentityTests
{
    private static readonly IServiceProvider Services = new ServiceCollection().BuildServiceProvider();

    [Fact]
    public void Anonymous_connections_are_different_guests_with_a_stable_id()
    {
        var a = Anonymous("c-a");
        var b = Anonymous("c-b");

        var first = UserIdentity.Of(a);

        Assert.Matches("^anon-[0-9a-f]{8}$", first.UserId);
        Assert.Equal("Guest " + first.UserId[5..9], first.DisplayName);
        Assert.Equal(first, UserIdentity.Of(a));
        Assert.NotEqual(first.UserId, UserIdentity.Of(b).UserId);
    }

    [Fact]
    public void A_connection_not_yet_in_use_takes_over_the_guest_id_of_the_connection_it_resumed_from()
    {
        var dropped = Anonymous("dropped");
        var resumed = Anonymous("resumed");
        var guest = UserIdentity.Of(dropped);

        Assert.True(UserIdentity.TakeOver(resumed, dropped));

        Assert.Equal(guest, UserIdentity.Of(resumed));
        Assert.Equal(guest, UserIdentity.Peek(resumed));
    }

    [Fact]
    public void A_connection_already_in_use_as_a_guest_keeps_its_own_id_and_says_so()
    {
        var dropped = Anonymous("dropped");
        var resumed = Anonymous("resumed");
        var own = UserIdentity.Of(resumed);

        Assert.False(UserIdentity.TakeOver(resumed, dropped));

        Assert.Equal(own, UserIdentity.Of(resumed));
    }

    [Fact]
    public void Peeking_does_not_pin_the_guest_id()
    {
        var dropped = Anonymous("dropped");
        var resumed = Anonymous("resumed");
        var peeked = UserIdentity.Peek(resumed);

        Assert.True(UserIdentity.TakeOver(resumed, dropped));

        Assert.NotEqual(peeked.UserId, UserIdentity.Of(resumed).UserId);
    }

    [Fact]
    public void Signed_in_connections_keep_their_user_id_through_a_take_over()
    {
        var dropped = SignedIn("dropped", "alice");
        var resumed = SignedIn("resumed", "alice");

        Assert.True(UserIdentity.TakeOver(resumed, dropped));

        Assert.Equal(new UserIdentity("alice", "alice", IsAnonymous: false), UserIdentity.Of(resumed));
        Assert.Null(resumed.GuestTag);
    }

    private static LiveConnectionContext Anonymous(string connectionId) =>
        new(connectionId, new ClaimsPrincipal(new ClaimsIdentity()), Services, CancellationToken.None);

    private static LiveConnectionContext SignedIn(string connectionId, string sub) =>
        new(connectionId, new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", sub)], "test")), Services, CancellationToken.None);
}
