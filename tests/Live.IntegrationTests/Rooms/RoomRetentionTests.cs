using System.Net.WebSockets;
using System.Text.Json;
using Live.IntegrationTests.Components;
using Live.IntegrationTests.Infrastructure;
using Live.Rooms;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Live.IntegrationTests.Rooms;

/// <summary>
/// Rooms together with retention: a dropped connection's kept component stays a member (held, 0 connections, live
/// state kept) and a resume puts it back without hooks; a connection closed on purpose leaves at once and a resume
/// re-joins through the join path; room pseudo-instance ids are not instances a client can resume.
/// </summary>
public sealed class RoomRetentionTests
{
    [Fact]
    public async Task A_dropped_connection_stays_a_member_with_its_live_state_and_a_resume_puts_it_back_in_the_room_without_hooks()
    {
        await using var server = await LiveServer.StartAsync(pipeline: TestUsers.SignInFromQuery);
        var log = server.Services.GetRequiredService<HookLog>();
        await using var observer = await RoomWire.ConnectAsync(server, "bob");
        await observer.Chatter.InvokeAsync("join", new { room = "tickets:1" });
        var room = (await observer.WaitForAsync("joined")).GetProperty("roomInstance").GetString()!;
        server.SpareConnections();
        var alice = await RoomWire.ConnectAsync(server, "alice");
        var chatter = alice.Chatter.InstanceId;
        await alice.Chatter.InvokeAsync("join", new { room = "tickets:1" });
        await alice.Chatter.InvokeAsync("setLive", new { room = "tickets:1", key = "editing:alice", value = "yes" });
        await observer.RoomDocumentAsync(room, d => d["live"]!["editing:alice"] is not null);

        server.DropConnections();
        await ResumeTests.DropAndWaitUntilKeptAsync(server, alice.Connection, chatter);

        // Held: still a member (with no live connection) and still editing; no leave hook ran.
        var held = await observer.RoomDocumentAsync(room, d => d["members"]!["alice"]?["connections"]?.GetValue<int>() == 0);
        Assert.Equal("yes", held["live"]!["editing:alice"]!["value"]!.GetValue<string>());
        Assert.Equal(2, held["state"]!["joins"]!.GetValue<int>());
        Assert.Contains(await server.Services.GetRequiredService<ILiveRooms>().Room("tickets:1").GetMembersAsync(), m => m.UserId == "alice" && m.Connections == 0);
        Assert.DoesNotContain(log.Entries, e => e.StartsWith("tickets:leave:alice", StringComparison.Ordinal));

        // The held member takes a place: with bob, alice and carol the room (at most 3) is full.
        await using var carol = await RoomWire.ConnectAsync(server, "carol");
        await carol.Chatter.InvokeAsync("join", new { room = "tickets:1" });
        await using var dave = await RoomWire.ConnectAsync(server, "dave");
        var full = await Assert.ThrowsAsync<Live.Client.LiveErrorException>(() => dave.Chatter.InvokeAsync("join", new { room = "tickets:1" }));
        Assert.Equal("room_full", full.Code);

        await using var back = await RoomWire.ConnectAsync(server, "alice");
        var resumed = await ResumeTests.ResumeRawAsync(back.Connection, chatter, alice.Chatter.ResumeSecret!, alice.Chatter.Version);
        Assert.True(resumed.GetProperty("type").GetString() == "resumed", resumed.GetRawText());

        // Back in the room on the new connection: a joined snapshot, one connection again, no join hook (joins stays 3).
        var joined = await back.WaitForAsync("joined", j => j.GetProperty("instance").GetString() == chatter);
        Assert.Equal(room, joined.GetProperty("roomInstance").GetString());
        var document = await observer.RoomDocumentAsync(room, d => d["members"]!["carol"] is not null && d["members"]!["alice"]?["connections"]?.GetValue<int>() == 1);
        Assert.Equal(3, document["state"]!["joins"]!.GetValue<int>());
        Assert.Equal("yes", document["live"]!["editing:alice"]!["value"]!.GetValue<string>());
        var say = await back.RequestAsync($$$"""{"type":"action","id":"$id","instance":"{{{chatter}}}","action":"say","args":{"room":"tickets:1","text":"back"}}""");
        Assert.True(say.GetProperty("type").GetString() == "result", say.GetRawText());
        await observer.WaitForAsync("event", e => e.GetProperty("data").GetProperty("text").GetString() == "back" && e.GetProperty("from").GetString() == "alice");
        Assert.DoesNotContain(log.Entries, e => e.StartsWith("tickets:leave:alice", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_held_member_leaves_with_its_live_state_when_the_retention_window_ends()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await LiveServer.StartAsync(
            o => o.Retention.Window = TimeSpan.FromSeconds(10),
            services: s => s.AddSingleton<TimeProvider>(time),
            pipeline: TestUsers.SignInFromQuery);
        var log = server.Services.GetRequiredService<HookLog>();
        await using var observer = await RoomWire.ConnectAsync(server, "bob");
        await observer.Chatter.InvokeAsync("join", new { room = "tickets:2" });
        var room = (await observer.WaitForAsync("joined")).GetProperty("roomInstance").GetString()!;
        var alice = await RoomWire.ConnectAsync(server, "alice");
        var chatter = alice.Chatter.InstanceId;
        await alice.Chatter.InvokeAsync("join", new { room = "tickets:2" });
        await alice.Chatter.InvokeAsync("setLive", new { room = "tickets:2", key = "cursor", value = "7" });

        // The client reports a dead connection (4100, as the clients do): a drop, not a goodbye.
        await alice.Connection.CloseAsync((WebSocketCloseStatus)4100, "dead connection (test)");
        await server.Logs.WaitForAsync(e => e.Message.Contains($"{chatter} of ", StringComparison.Ordinal) && e.Message.Contains("lost its connection", StringComparison.Ordinal));
        await observer.RoomDocumentAsync(room, d => d["members"]!["alice"]?["connections"]?.GetValue<int>() == 0 && d["live"]!["cursor"] is not null);

        var mark = observer.DocumentCount;
        time.Advance(TimeSpan.FromSeconds(11));

        await observer.RoomDocumentAfterAsync(mark, room, d => d["members"]!["alice"] is null && d["live"]!["cursor"] is null);
        await log.WaitForAsync(e => e == "tickets:leave:alice:Disconnected", Clients.Wait);
        await using var back = await RoomWire.ConnectAsync(server, "alice");
        var refused = await ResumeTests.ResumeRawAsync(back.Connection, chatter, alice.Chatter.ResumeSecret!, alice.Chatter.Version);
        Assert.Equal("resume_failed", refused.GetProperty("code").GetString());
        Assert.DoesNotContain(back.OfType("joined"), j => j.GetProperty("instance").GetString() == chatter);
    }

    [Fact]
    public async Task A_connection_closed_on_purpose_leaves_at_once_and_a_resume_rejoins_through_the_join_path_or_is_told_left_refused()
    {
        await using var server = await LiveServer.StartAsync(o => o.Rooms.MaxMembers = 2, pipeline: TestUsers.SignInFromQuery);
        await using var observer = await RoomWire.ConnectAsync(server, "bob");
        await observer.Chatter.InvokeAsync("join", new { room = "doc" });
        var room = (await observer.WaitForAsync("joined")).GetProperty("roomInstance").GetString()!;
        var alice = await RoomWire.ConnectAsync(server, "alice");
        var chatter = alice.Chatter.InstanceId;
        await alice.Chatter.InvokeAsync("join", new { room = "doc", tag = "teal" });
        await observer.RoomDocumentAsync(room, d => d["members"]!["alice"] is not null);

        var mark = observer.DocumentCount;
        await alice.DisposeAsync();
        await observer.RoomDocumentAfterAsync(mark, room, d => d["members"]!["alice"] is null);
        await server.Logs.WaitForAsync(e => e.Message.Contains($"{chatter} of ", StringComparison.Ordinal) && e.Message.Contains("lost its connection", StringComparison.Ordinal));

        mark = observer.DocumentCount;
        var back = await RoomWire.ConnectAsync(server, "alice");
        var resumed = await ResumeTests.ResumeRawAsync(back.Connection, chatter, alice.Chatter.ResumeSecret!, alice.Chatter.Version);
        Assert.True(resumed.GetProperty("type").GetString() == "resumed", resumed.GetRawText());
        await back.WaitForAsync("joined", j => j.GetProperty("instance").GetString() == chatter && j.GetProperty("room").GetString() == "doc");
        var rejoined = await observer.RoomDocumentAfterAsync(mark, room, d => d["members"]!["alice"] is not null);
        Assert.Equal("teal", rejoined["members"]!["alice"]!["metadata"]!["tag"]!.GetValue<string>());

        // Closed on purpose again; meanwhile carol takes the last place, so the next resume cannot re-join.
        mark = observer.DocumentCount;
        await back.DisposeAsync();
        await observer.RoomDocumentAfterAsync(mark, room, d => d["members"]!["alice"] is null);
        await server.Logs.WaitForAsync(_ => server.Logs.Entries.Count(e => e.Message.Contains($"{chatter} of ", StringComparison.Ordinal) && e.Message.Contains("lost its connection", StringComparison.Ordinal)) >= 2);
        await using var carol = await RoomWire.ConnectAsync(server, "carol");
        await carol.Chatter.InvokeAsync("join", new { room = "doc" });
        await using var third = await RoomWire.ConnectAsync(server, "alice");
        var again = await ResumeTests.ResumeRawAsync(third.Connection, chatter, resumed.GetProperty("resume").GetString()!, resumed.GetProperty("version").GetInt64());

        Assert.True(again.GetProperty("type").GetString() == "resumed", again.GetRawText());
        var left = await third.WaitForAsync("left", l => l.GetProperty("instance").GetString() == chatter);
        Assert.Equal("refused", left.GetProperty("reason").GetString());
        Assert.Equal("doc", left.GetProperty("room").GetString());
        Assert.DoesNotContain(await server.Services.GetRequiredService<ILiveRooms>().Room("doc").GetMembersAsync(), m => m.UserId == "alice");
    }

    [Fact]
    public async Task A_room_pseudo_instance_id_cannot_be_resumed_and_resyncs_only_for_a_member()
    {
        await using var server = await LiveServer.StartAsync(pipeline: TestUsers.SignInFromQuery);
        await using var member = await RoomWire.ConnectAsync(server, "bob");
        await member.Chatter.InvokeAsync("join", new { room = "doc" });
        var room = (await member.WaitForAsync("joined")).GetProperty("roomInstance").GetString()!;
        Assert.StartsWith("r_", room, StringComparison.Ordinal);
        await using var other = await RoomWire.ConnectAsync(server, "bob");

        var resumeFromMember = await ResumeTests.ResumeRawAsync(member.Connection, room, "not-a-secret", 0);
        var resumeFromOther = await ResumeTests.ResumeRawAsync(other.Connection, room, "not-a-secret", 0);
        Assert.Equal("resume_failed", resumeFromMember.GetProperty("code").GetString());
        Assert.Equal("resume_failed", resumeFromOther.GetProperty("code").GetString());

        var resyncByMember = await member.RequestAsync($$"""{"type":"resync","id":"$id","instance":"{{room}}"}""");
        Assert.True(resyncByMember.GetProperty("type").GetString() == "state", resyncByMember.GetRawText());
        var resyncByOther = await other.RequestAsync($$"""{"type":"resync","id":"$id","instance":"{{room}}"}""");
        Assert.Equal("instance_not_found", resyncByOther.GetProperty("code").GetString());

        // The member's room membership is untouched by the refused resumes.
        await member.Chatter.InvokeAsync("say", new { room = "doc", text = "still here" });
        await member.WaitForAsync("event", e => e.GetProperty("data").GetProperty("text").GetString() == "still here");
    }
}
