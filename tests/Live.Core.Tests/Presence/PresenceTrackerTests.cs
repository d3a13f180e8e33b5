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
        presence.SetLive("editing:1", JsonValue.Create(true), "alice", "c1", Now);

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

    [Fact]
    public void An_entry_goes_with_the_connection_that_wrote_it_while_the_user_stays()
    {
        var presence = new PresenceTracker();
        presence.AddConnection(Alice, metadata: null, Now);
        presence.AddConnection(Alice, metadata: null, Now);
        presence.SetLive("editing:alice", JsonValue.Create(true), "alice", "tab-a", Now);
        presence.SetLive("cursor:alice", JsonValue.Create(3), "alice", "tab-b", Now);

        Assert.True(presence.RemoveLiveOf("tab-a"));
        Assert.False(presence.RemoveConnection("alice", wasAway: false));

        Assert.Equal("cursor:alice", Assert.Single(presence.LiveEntries()).Key);
        Assert.Equal(1, Single(presence).Connections);
        Assert.False(presence.RemoveLiveOf("tab-a"));
    }

    [Fact]
    public void An_overwritten_entry_belongs_to_its_last_writer()
    {
        var presence = new PresenceTracker();
        presence.SetLive("editing:alice", JsonValue.Create("a"), "alice", "tab-a", Now);
        presence.SetLive("editing:alice", JsonValue.Create("b"), "alice", "tab-b", Now);
        presence.SetLive("cursor", JsonValue.Create(1), "alice", "tab-a", Now);
        presence.SetLive("cursor", JsonValue.Create(2), "bob", "bob-1", Now);

        presence.RemoveLiveOf("tab-a");

        var entries = presence.LiveEntries().OrderBy(e => e.Key, StringComparer.Ordinal).ToList();
        Assert.Equal(2, entries.Count);
        Assert.Equal(("cursor", "bob", 2), (entries[0].Key, entries[0].UserId, entries[0].Value!.GetValue<int>()));
        Assert.Equal(("editing:alice", "alice", "b"), (entries[1].Key, entries[1].UserId, entries[1].Value!.GetValue<string>()));
    }

    [Fact]
    public void Entries_written_by_server_code_stay_when_connections_leave()
    {
        var presence = new PresenceTracker();
        presence.AddConnection(Alice, metadata: null, Now);
        presence.SetLive("banner", JsonValue.Create("maintenance"), UserIdentity.ServerUserId, connectionId: null, Now);
        presence.SetLive("editing:alice", JsonValue.Create(true), "alice", "tab-a", Now);

        presence.RemoveLiveOf("tab-a");
        Assert.True(presence.RemoveConnection("alice", wasAway: false));

        var entry = Assert.Single(presence.LiveEntries());
        Assert.Equal(("banner", "server"), (entry.Key, entry.UserId));
    }

    [Fact]
    public void A_transferred_entry_goes_with_the_new_connection_not_the_old_one()
    {
        var presence = new PresenceTracker();
        presence.SetLive("editing:alice", JsonValue.Create(true), "alice", "dropped", Now);
        presence.SetLive("other", JsonValue.Create(true), "alice", "tab-b", Now);

        presence.TransferLive("dropped", "resumed");

        Assert.False(presence.RemoveLiveOf("dropped"));
        Assert.Equal(2, presence.LiveEntries().Count);
        Assert.True(presence.RemoveLiveOf("resumed"));
        Assert.Equal("other", Assert.Single(presence.LiveEntries()).Key);
    }

    [Fact]
    public void When_the_user_leaves_entries_they_wrote_through_a_connection_outside_the_room_go_too()
    {
        var presence = new PresenceTracker();
        presence.AddConnection(Alice, metadata: null, Now);
        presence.SetLive("note", JsonValue.Create(true), "alice", "not-a-member", Now);

        Assert.True(presence.RemoveConnection("alice", wasAway: false));

        Assert.Empty(presence.LiveEntries());
    }

    private static RoomMember Single(PresenceTracker presence) => Assert.Single(presence.Members());
}
