using System.Text.Json;
using Live.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Live.IntegrationTests.Rooms;

public sealed class RoomMembershipTests
{
    [Fact]
    public async Task Joining_sends_joined_with_the_rooms_pseudo_instance_state_and_presence()
    {
        await using var server = await LiveServer.StartAsync(pipeline: TestUsers.SignInFromQuery);
        await using var alice = await RoomWire.ConnectAsync(server, "alice");

        await alice.Chatter.InvokeAsync("join", new { room = "chat:general" });

        var joined = await alice.WaitForAsync("joined");
        Assert.Equal("chat:general", joined.GetProperty("room").GetString());
        Assert.Equal(alice.Chatter.InstanceId, joined.GetProperty("instance").GetString());
        Assert.StartsWith("r_", joined.GetProperty("roomInstance").GetString());
        Assert.Equal(1, joined.GetProperty("version").GetInt64()); // 0 is the empty room; the join is version 1
        var member = joined.GetProperty("state").GetProperty("members").GetProperty("alice");
        Assert.Equal("Alice", member.GetProperty("name").GetString());
        Assert.Equal(1, member.GetProperty("connections").GetInt32());
        Assert.Equal("online", member.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Events_reach_all_members_others_or_one_member_and_not_other_rooms()
    {
        await using var server = await LiveServer.StartAsync(pipeline: TestUsers.SignInFromQuery);
        await using var alice = await RoomWire.ConnectAsync(server, "alice");
        await using var bob = await RoomWire.ConnectAsync(server, "bob");
        await using var carol = await RoomWire.ConnectAsync(server, "carol");
        await alice.Chatter.InvokeAsync("join", new { room = "chat:a" });
        await bob.Chatter.InvokeAsync("join", new { room = "chat:a" });
        await carol.Chatter.InvokeAsync("join", new { room = "chat:b" });

        var toAll = await alice.Chatter.InvokeAsync<int>("say", new { room = "chat:a", text = "hello all" });
        var toOthers = await alice.Chatter.InvokeAsync<int>("sayToOthers", new { room = "chat:a", text = "hello others" });
        var toBob = await alice.Chatter.InvokeAsync<int>("whisper", new { room = "chat:a", userId = "bob", why = "psst" });
        await carol.Chatter.InvokeAsync("say", new { room = "chat:b", text = "other room" });

        Assert.Equal((2, 1, 1), (toAll, toOthers, toBob));
        await bob.WaitForAsync("event", m => m.GetProperty("event").GetString() == "nudge");
        await alice.WaitForAsync("event", m => m.GetProperty("data").GetProperty("text").GetString() == "hello all");
        Assert.Equal(["hello all", "hello others"], bob.EventTexts("chat:a"));
        Assert.Equal(["hello all"], alice.EventTexts("chat:a"));
        Assert.DoesNotContain(alice.OfType("event"), m => m.GetProperty("event").GetString() == "nudge");
        Assert.Empty(carol.EventTexts("chat:a"));
        Assert.Empty(alice.EventTexts("chat:b"));
        var message = bob.OfType("event").First();
        Assert.Equal("ChatMessage", message.GetProperty("event").GetString());
        Assert.Equal("alice", message.GetProperty("from").GetString());
    }

    [Fact]
    public async Task Members_receive_events_through_their_components_server_side_handler()
    {
        await using var server = await LiveServer.StartAsync();
        await using var alice = await RoomWire.ConnectAsync(server);
        await using var bob = await RoomWire.ConnectAsync(server);
        await alice.Chatter.InvokeAsync("join", new { room = "lobby" });
        await bob.Chatter.InvokeAsync("join", new { room = "lobby" });

        await alice.Chatter.InvokeAsync("say", new { room = "lobby", text = "hi" });

        await bob.Chatter.WaitForStateAsync(s => s["received"]!.AsArray().Count == 1, Clients.Wait);
        await alice.Chatter.WaitForStateAsync(s => s["received"]!.AsArray().Count == 1, Clients.Wait);
        Assert.Equal("lobby:hi", bob.Chatter.State["received"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task Leaving_stops_events_and_tells_the_client_and_the_remaining_members()
    {
        await using var server = await LiveServer.StartAsync(pipeline: TestUsers.SignInFromQuery);
        await using var alice = await RoomWire.ConnectAsync(server, "alice");
        await using var bob = await RoomWire.ConnectAsync(server, "bob");
        await alice.Chatter.InvokeAsync("join", new { room = "chat:x" });
        await bob.Chatter.InvokeAsync("join", new { room = "chat:x" });
        var roomInstance = (await alice.WaitForAsync("joined")).GetProperty("roomInstance").GetString()!;

        await bob.Chatter.InvokeAsync("leave", new { room = "chat:x" });
        await alice.Chatter.InvokeAsync("say", new { room = "chat:x", text = "anyone?" });

        var left = await bob.WaitForAsync("left");
        Assert.Equal("left", left.GetProperty("reason").GetString());
        await alice.RoomDocumentAsync(roomInstance, d => d["members"]!["bob"] is null);
        await alice.WaitForAsync("event");
        Assert.Empty(bob.EventTexts("chat:x"));
    }

    [Fact]
    public async Task A_closed_connection_leaves_all_its_rooms()
    {
        await using var server = await LiveServer.StartAsync(pipeline: TestUsers.SignInFromQuery);
        await using var alice = await RoomWire.ConnectAsync(server, "alice");
        var bob = await RoomWire.ConnectAsync(server, "bob");
        await alice.Chatter.InvokeAsync("join", new { room = "one" });
        await alice.Chatter.InvokeAsync("join", new { room = "two" });
        await bob.Chatter.InvokeAsync("join", new { room = "one" });
        await bob.Chatter.InvokeAsync("join", new { room = "two" });
        var instances = alice.OfType("joined").Select(j => j.GetProperty("roomInstance").GetString()!).ToList();

        await bob.DisposeAsync();

        foreach (var instance in instances)
        {
            await alice.RoomDocumentAsync(instance, d => d["members"]!["bob"] is null);
        }

        var rooms = server.Services.GetRequiredService<Live.Hosting.LiveRuntime>().Rooms;
        Assert.False(rooms.TryGetJoined("any", "one", out _));
        Assert.Single(await server.Services.GetRequiredService<Live.Rooms.ILiveRooms>().Room("one").GetMembersAsync());
    }

    [Fact]
    public async Task A_full_room_refuses_the_next_member_with_room_full()
    {
        await using var server = await LiveServer.StartAsync(o => o.Rooms.MaxMembers = 2);
        await using var a = await RoomWire.ConnectAsync(server);
        await using var b = await RoomWire.ConnectAsync(server);
        await using var c = await RoomWire.ConnectAsync(server);
        await a.Chatter.InvokeAsync("join", new { room = "small" });
        await b.Chatter.InvokeAsync("join", new { room = "small" });

        var error = await Assert.ThrowsAsync<Live.Client.LiveErrorException>(() => c.Chatter.InvokeAsync("join", new { room = "small" }));

        Assert.Equal("room_full", error.Code);
        Assert.Contains("at most 2 members", error.Message, StringComparison.Ordinal);
        Assert.Empty(c.OfType("joined"));
    }

    [Fact]
    public async Task A_component_state_change_before_a_refused_join_is_rolled_back()
    {
        await using var server = await LiveServer.StartAsync();
        await using var a = await RoomWire.ConnectAsync(server);

        var error = await Assert.ThrowsAsync<Live.Client.LiveErrorException>(() => a.Chatter.InvokeAsync("joinFailsHalfway", new { room = "bad room!" }));

        Assert.Equal("invalid_room_name", error.Code);
        Assert.Empty(a.Chatter.State["received"]!.AsArray());
        Assert.Equal(0, a.Chatter.Version);
    }

    [Fact]
    public async Task Unmounting_the_component_leaves_its_rooms()
    {
        await using var server = await LiveServer.StartAsync();
        await using var a = await RoomWire.ConnectAsync(server);
        await a.Chatter.InvokeAsync("join", new { room = "r1" });

        await a.Chatter.UnmountAsync();

        var left = await a.WaitForAsync("left");
        Assert.Equal("r1", left.GetProperty("room").GetString());
        Assert.Empty(await server.Services.GetRequiredService<Live.Rooms.ILiveRooms>().Room("r1").GetMembersAsync());
    }
}
