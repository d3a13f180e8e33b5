using Live.Client;
using Live.IntegrationTests.Components;
using Live.IntegrationTests.Infrastructure;
using Live.Rooms;
using Microsoft.Extensions.DependencyInjection;

namespace Live.IntegrationTests.Rooms;

public sealed class TypedRoomTests
{
    [Fact]
    public async Task A_typed_room_runs_its_hooks_and_syncs_its_typed_state_but_never_its_server_only_members()
    {
        await using var server = await LiveServer.StartAsync(pipeline: TestUsers.SignInFromQuery);
        var log = server.Services.GetRequiredService<HookLog>();
        await using var alice = await RoomWire.ConnectAsync(server, "alice");
        await alice.Chatter.InvokeAsync("join", new { room = "tickets:42" });

        var joined = await alice.WaitForAsync("joined");
        await server.Services.GetRequiredService<ILiveRooms>().Room<TicketRoom>("42").UpdateAsync<TicketRoom>(r => r.Append("triaged"));
        var document = await alice.RoomDocumentAsync(joined.GetProperty("roomInstance").GetString()!, d => d["state"]!["log"]!.AsArray().Count == 2);

        Assert.Equal("""{"log":["created","triaged"],"joins":1}""", document["state"]!.ToJsonString());
        Assert.Contains("tickets:created:42", log.Entries);
        Assert.DoesNotContain(alice.Messages, m => m.GetRawText().Contains("s3cr3t", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_join_hook_can_reject_with_a_reason_and_nothing_changes()
    {
        await using var server = await LiveServer.StartAsync(pipeline: TestUsers.SignInFromQuery);
        await using var alice = await RoomWire.ConnectAsync(server, "alice");
        await using var mallory = await RoomWire.ConnectAsync(server, "mallory");
        await alice.Chatter.InvokeAsync("join", new { room = "tickets:1" });

        var error = await Assert.ThrowsAsync<LiveErrorException>(() => mallory.Chatter.InvokeAsync("join", new { room = "tickets:1" }));
        var viaWire = await mallory.RequestAsync($$"""{"type":"join","id":"$id","instance":"{{mallory.Chatter.InstanceId}}","room":"tickets:1"}""");

        Assert.Equal("room_join_rejected", error.Code);
        Assert.EndsWith("Mallory may not join tickets.", error.Message, StringComparison.Ordinal);
        Assert.Equal("room_join_rejected", viaWire.GetProperty("code").GetString());
        var members = await server.Services.GetRequiredService<ILiveRooms>().Room("tickets:1").GetMembersAsync();
        Assert.Equal(["alice"], members.Select(m => m.UserId));
        var state = await server.Services.GetRequiredService<ILiveRooms>().Room("tickets:1").GetStateAsync();
        Assert.Equal(1, state["joins"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_typed_rooms_max_members_is_enforced()
    {
        await using var server = await LiveServer.StartAsync();
        var wires = new List<RoomWire>();
        try
        {
            for (var i = 0; i < 4; i++)
            {
                wires.Add(await RoomWire.ConnectAsync(server));
            }

            for (var i = 0; i < 3; i++)
            {
                await wires[i].Chatter.InvokeAsync("join", new { room = "tickets:busy" });
            }

            var error = await Assert.ThrowsAsync<LiveErrorException>(() => wires[3].Chatter.InvokeAsync("join", new { room = "tickets:busy" }));
            Assert.Equal("room_full", error.Code);
        }
        finally
        {
            foreach (var wire in wires)
            {
                await wire.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Leave_hooks_see_left_and_disconnected_and_a_closed_room_tells_members_cleanup()
    {
        await using var server = await LiveServer.StartAsync(pipeline: TestUsers.SignInFromQuery);
        var log = server.Services.GetRequiredService<HookLog>();
        await using var alice = await RoomWire.ConnectAsync(server, "alice");
        var bob = await RoomWire.ConnectAsync(server, "bob");
        await using var carol = await RoomWire.ConnectAsync(server, "carol");
        await alice.Chatter.InvokeAsync("join", new { room = "tickets:7" });
        await bob.Chatter.InvokeAsync("join", new { room = "tickets:7" });
        await carol.Chatter.InvokeAsync("join", new { room = "tickets:7" });

        await alice.Chatter.InvokeAsync("leave", new { room = "tickets:7" });
        await bob.DisposeAsync();
        await log.WaitForAsync(e => e == "tickets:leave:bob:Disconnected", Clients.Wait);
        await server.Services.GetRequiredService<ILiveRooms>().Room("tickets:7").CloseAsync();

        var left = await carol.WaitForAsync("left");
        Assert.Equal("cleanup", left.GetProperty("reason").GetString());
        Assert.Contains("tickets:leave:alice:Left", log.Entries);
        Assert.Contains("tickets:leave:carol:Cleanup", log.Entries);
        Assert.Contains("tickets:destroyed:7", log.Entries);
    }

    [Fact]
    public async Task Clients_may_join_a_typed_room_only_when_it_allows_it()
    {
        await using var server = await LiveServer.StartAsync();
        await using var a = await RoomWire.ConnectAsync(server);

        var allowed = await a.RequestAsync($$"""{"type":"join","id":"$id","instance":"{{a.Chatter.InstanceId}}","room":"tickets:open"}""");
        var refused = await a.RequestAsync($$"""{"type":"join","id":"$id","instance":"{{a.Chatter.InstanceId}}","room":"vault:1"}""");

        Assert.Equal("joined", allowed.GetProperty("type").GetString());
        Assert.Equal("room_join_forbidden", refused.GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_room_without_presence_sends_no_member_list_and_no_patch_when_members_come_and_go()
    {
        await using var server = await LiveServer.StartAsync();
        await using var a = await RoomWire.ConnectAsync(server);
        await using var b = await RoomWire.ConnectAsync(server);
        await a.Chatter.InvokeAsync("join", new { room = "feed:1" });
        await b.Chatter.InvokeAsync("join", new { room = "feed:1" });
        await b.Chatter.InvokeAsync("leave", new { room = "feed:1" });
        await a.Chatter.InvokeAsync("say", new { room = "feed:1", text = "still cheap" });

        var joined = await a.WaitForAsync("joined");
        Assert.False(joined.GetProperty("state").TryGetProperty("members", out _));
        await a.WaitForAsync("event");
        Assert.DoesNotContain(a.OfType("patch"), p => p.GetProperty("instance").GetString() == joined.GetProperty("roomInstance").GetString());
        Assert.Single(await server.Services.GetRequiredService<ILiveRooms>().Room("feed:1").GetMembersAsync());
    }
}
