using System.Text.Json;
using Live.IntegrationTests.Infrastructure;
using Live.Presence;
using Live.Rooms;
using Microsoft.Extensions.DependencyInjection;

namespace Live.IntegrationTests.Rooms;

/// <summary>The client's <c>presence</c> message: a member connection sets its own online/away status.</summary>
public sealed class PresenceStatusTests
{
    [Fact]
    public async Task A_connection_sets_its_own_status_and_a_user_is_away_only_when_every_connection_is_away()
    {
        await using var server = await LiveServer.StartAsync(pipeline: TestUsers.SignInFromQuery);
        await using var observer = await RoomWire.ConnectAsync(server, "bob");
        await observer.Chatter.InvokeAsync("join", new { room = "doc" });
        var room = (await observer.WaitForAsync("joined")).GetProperty("roomInstance").GetString()!;
        await using var tab1 = await RoomWire.ConnectAsync(server, "alice");
        await using var tab2 = await RoomWire.ConnectAsync(server, "alice");
        await tab1.Chatter.InvokeAsync("join", new { room = "doc" });
        await tab2.Chatter.InvokeAsync("join", new { room = "doc" });
        await observer.RoomDocumentAsync(room, d => d["members"]!["alice"]?["connections"]?.GetValue<int>() == 2);

        // One hidden tab: alice is still online (the answer says so).
        var first = await tab1.RequestAsync("""{"type":"presence","id":"$id","room":"doc","status":"away"}""", "p1");
        Assert.Equal("result", first.GetProperty("type").GetString());
        Assert.Equal("p1", first.GetProperty("id").GetString());
        Assert.Equal("online", first.GetProperty("value").GetString());
        Assert.Equal(PresenceStatus.Online, await StatusOfAsync(server, "alice"));

        // Saying it again changes nothing: the room document keeps its version.
        var versionBefore = await RoomVersionAsync(tab1, room);
        var repeated = await tab1.RequestAsync("""{"type":"presence","id":"$id","room":"doc","status":"away"}""");
        Assert.Equal("online", repeated.GetProperty("value").GetString());
        Assert.Equal(versionBefore, await RoomVersionAsync(tab1, room));

        // Both hidden: away. One back: online again.
        var second = await tab2.RequestAsync("""{"type":"presence","id":"$id","room":"doc","status":"away"}""");
        Assert.Equal("away", second.GetProperty("value").GetString());
        await observer.RoomDocumentAsync(room, d => d["members"]!["alice"]?["status"]?.GetValue<string>() == "away");
        var mark = observer.DocumentCount;
        var back = await tab1.RequestAsync("""{"type":"presence","id":"$id","room":"doc","status":"online"}""");
        Assert.Equal("online", back.GetProperty("value").GetString());
        await observer.RoomDocumentAfterAsync(mark, room, d => d["members"]!["alice"]?["status"]?.GetValue<string>() == "online");

        // The .NET client says the same with SetRoomStatusAsync.
        Assert.False(await tab2.Connection.SetRoomStatusAsync("doc", away: false));
        Assert.False(await tab1.Connection.SetRoomStatusAsync("doc", away: true));
        mark = observer.DocumentCount;
        Assert.True(await tab2.Connection.SetRoomStatusAsync("doc", away: true));
        await observer.RoomDocumentAfterAsync(mark, room, d => d["members"]!["alice"]?["status"]?.GetValue<string>() == "away");
        Assert.False(await tab1.Connection.SetRoomStatusAsync("doc", away: false));
        var notJoined = await Assert.ThrowsAsync<Live.Client.LiveErrorException>(() => tab1.Connection.SetRoomStatusAsync("elsewhere", away: true));
        Assert.Equal("room_not_joined", notJoined.Code);

        // The away tab closing leaves only an online one; bob's own status was never touched.
        mark = observer.DocumentCount;
        await tab2.Connection.CloseAsync();
        await observer.RoomDocumentAfterAsync(mark, room, d => d["members"]!["alice"]?["connections"]?.GetValue<int>() == 1 && d["members"]!["alice"]?["status"]?.GetValue<string>() == "online");
        Assert.Equal(PresenceStatus.Online, await StatusOfAsync(server, "bob"));
    }

    [Fact]
    public async Task Malformed_presence_messages_answer_invalid_request_with_their_id_and_change_nothing()
    {
        await using var server = await LiveServer.StartAsync(pipeline: TestUsers.SignInFromQuery);
        await using var alice = await RoomWire.ConnectAsync(server, "alice");
        await alice.Chatter.InvokeAsync("join", new { room = "doc" });
        var room = (await alice.WaitForAsync("joined")).GetProperty("roomInstance").GetString()!;
        var longStatus = new string('a', 10_000);
        string[] frames =
        [
            """{"type":"presence","id":"$id","status":"away"}""",
            """{"type":"presence","id":"$id","room":"doc"}""",
            """{"type":"presence","id":"$id","room":"doc","status":"offline"}""",
            """{"type":"presence","id":"$id","room":"doc","status":"AWAY"}""",
            """{"type":"presence","id":"$id","room":"doc","status":1}""",
            """{"type":"presence","id":"$id","room":"doc","status":null}""",
            """{"type":"presence","id":"$id","room":"doc","status":["away"]}""",
            """{"type":"presence","id":"$id","room":"doc","status":""}""",
            """{"type":"presence","id":"$id","room":42,"status":"away"}""",
            $$"""{"type":"presence","id":"$id","room":"doc","status":"{{longStatus}}"}""",
        ];

        foreach (var frame in frames)
        {
            var answer = await alice.RequestAsync(frame, "bad");
            Assert.True(answer.GetProperty("code").GetString() == "invalid_request", frame[..Math.Min(frame.Length, 80)] + " → " + answer.GetRawText());
            Assert.Equal("bad", answer.GetProperty("id").GetString());
            Assert.True(answer.GetProperty("message").GetString()!.Length < 300);
        }

        // The room document did not move: a resync answers the version of the join snapshot, with alice online.
        var versionBefore = alice.OfType("joined").Single().GetProperty("version").GetInt64();
        var state = await alice.RequestAsync($$"""{"type":"resync","id":"$id","instance":"{{room}}"}""");
        Assert.Equal(versionBefore, state.GetProperty("version").GetInt64());
        Assert.Equal("online", state.GetProperty("state").GetProperty("members").GetProperty("alice").GetProperty("status").GetString());
        Assert.Equal(PresenceStatus.Online, await StatusOfAsync(server, "alice"));
    }

    [Fact]
    public async Task Presence_for_a_room_the_connection_is_not_in_answers_room_not_joined_and_never_touches_another_user()
    {
        await using var server = await LiveServer.StartAsync(pipeline: TestUsers.SignInFromQuery);
        await using var bob = await RoomWire.ConnectAsync(server, "bob");
        await bob.Chatter.InvokeAsync("join", new { room = "doc" });
        var room = (await bob.WaitForAsync("joined")).GetProperty("roomInstance").GetString()!;
        await using var mallory = await RoomWire.ConnectAsync(server, "mallory");

        // Before any join (out of order), a room that exists but is bob's, a room that does not exist, a bad name.
        var beforeJoin = await mallory.RequestAsync("""{"type":"presence","id":"$id","room":"doc","status":"away"}""", "m1");
        var unknown = await mallory.RequestAsync("""{"type":"presence","id":"$id","room":"nowhere","status":"away"}""", "m2");
        var badName = await mallory.RequestAsync("""{"type":"presence","id":"$id","room":"a b","status":"away"}""", "m3");
        Assert.Equal("room_not_joined", beforeJoin.GetProperty("code").GetString());
        Assert.Equal("m1", beforeJoin.GetProperty("id").GetString());
        Assert.Equal("room_not_joined", unknown.GetProperty("code").GetString());
        Assert.Equal("invalid_room_name", badName.GetProperty("code").GetString());

        // Naming another user is not a thing the message can do: the extra members are ignored, it sets mallory's own.
        await mallory.Chatter.InvokeAsync("join", new { room = "doc" });
        var own = await mallory.RequestAsync("""{"type":"presence","id":"$id","room":"doc","status":"away","userId":"bob","user":"bob","instance":"x"}""");
        Assert.Equal("away", own.GetProperty("value").GetString());
        var document = await bob.RoomDocumentAsync(room, d => d["members"]!["mallory"]?["status"]?.GetValue<string>() == "away");
        Assert.Equal("online", document["members"]!["bob"]!["status"]!.GetValue<string>());
        Assert.Equal(PresenceStatus.Online, await StatusOfAsync(server, "bob"));

        // After leaving, the connection may not set a status there any more.
        await mallory.Chatter.InvokeAsync("leave", new { room = "doc" });
        var afterLeave = await mallory.RequestAsync("""{"type":"presence","id":"$id","room":"doc","status":"online"}""");
        Assert.Equal("room_not_joined", afterLeave.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Presence_messages_count_against_the_inbound_rate_limit()
    {
        await using var server = await LiveServer.StartAsync(
            o =>
            {
                o.Limits.InboundFramesPerSecond = 5;
                o.Limits.InboundFrameBurst = 5;
            },
            pipeline: TestUsers.SignInFromQuery);
        await using var alice = await RoomWire.ConnectAsync(server, "alice");
        var limited = new TaskCompletionSource<JsonElement>();
        alice.Connection.MessageReceived += m =>
        {
            if (m.TryGetProperty("code", out var code) && code.GetString() == "rate_limited")
            {
                limited.TrySetResult(m.Clone());
            }
        };

        for (var i = 0; i < 20; i++)
        {
            await alice.Connection.SendRawTextAsync($$"""{"type":"presence","id":"flood-{{i}}","room":"doc","status":"away"}""");
        }

        var answer = await limited.Task.WaitAsync(Clients.Wait);
        Assert.StartsWith("flood-", answer.GetProperty("id").GetString(), StringComparison.Ordinal);
    }

    private static async Task<long> RoomVersionAsync(RoomWire wire, string room) =>
        (await wire.RequestAsync($$"""{"type":"resync","id":"$id","instance":"{{room}}"}""")).GetProperty("version").GetInt64();

    private static async Task<PresenceStatus> StatusOfAsync(LiveServer server, string user) =>
        (await server.Services.GetRequiredService<ILiveRooms>().Room("doc").GetMembersAsync()).Single(m => m.UserId == user).Status;
}
