using System.Text.Json.Nodes;
using Live.Presence;

namespace Live.Core.Tests.Presence;

public sealed class PresenceTrackerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private static readonly UserIdentity Alice = new("alice", "Alice", IsAnonymous: false);

    [Fact]
    public void A_user_is_away_only_when_every_live_connection_is_away()
    {
        var presence = new PresenceTracker();
        presence.AddConnection(Alice, metadata: null, Now);
        presence.AddConnection(Alice, metadata: null, Now);

        Assert.Equal(PresenceStatus.Online, presence.SetConnectionAway("alice", wasAway: false, away: true, Now));
        Assert.Equal(PresenceStatus.Away, presence.SetConnectionAway("alice", wasAway: false, away: true, Now));
        Assert.Equal(PresenceStatus.Online, presence.SetConnectionAway("alice", wasAway: true, away: false, Now));

        // The online connection goes: the one left is away, so the user is.
        presence.RemoveConnection("alice", wasAway: false);
        Assert.Equal(PresenceStatus.Away, Single(presence).Status);

        // A new (online) connection makes the user online again.
        presence.AddConnection(Alice, metadata: null, Now);
        Assert.Equal(PresenceStatus.Online, Single(presence).Status);
    }

    [Fact]
    public void A_held_connection_keeps_the_member_and_its_live_state_until_the_hold_ends()
    {
        var presence = new PresenceTracker();
        presence.AddConnection(Alice, new JsonObject { ["color"] = "teal" }, Now);
        presence.SetLive("editing:1", JsonValue.Create(true), "alice", Now);

        presence.HoldConnection("alice", wasAway: false);

        var held = Single(presence);
        Assert.Equal(0, held.Connections);
        Assert.Single(presence.LiveEntries());
        Assert.Equal(1, presence.MemberCount);

        presence.ResumeHeld("alice", Now.AddSeconds(5));
        Assert.Equal(1, Single(presence).Connections);
        Assert.Equal(Now.AddSeconds(5), Single(presence).LastActive);

        presence.HoldConnection("alice", wasAway: false);
        Assert.True(presence.EndHold("alice"));
        Assert.Equal(0, presence.MemberCount);
        Assert.Empty(presence.LiveEntries());
    }

    [Fact]
    public void A_user_with_a_held_connection_does_not_leave_when_their_last_live_connection_does()
    {
        var presence = new PresenceTracker();
        presence.AddConnection(Alice, metadata: null, Now);
        presence.AddConnection(Alice, metadata: null, Now);
        presence.HoldConnection("alice", wasAway: false);

        Assert.False(presence.RemoveConnection("alice", wasAway: false));
        Assert.Equal(0, Single(presence).Connections);
        Assert.True(presence.EndHold("alice"));
    }

    private static RoomMember Single(PresenceTracker presence) => Assert.Single(presence.Members());
}
