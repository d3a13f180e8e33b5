using System.Text.Json.Nodes;
using Live.IntegrationTests.Components;
using Live.IntegrationTests.Infrastructure;
using Live.Rooms;
using Microsoft.Extensions.DependencyInjection;

namespace Live.IntegrationTests.Rooms;

public sealed class RoomApiTests
{
    [Fact]
    public async Task Server_code_broadcasts_changes_state_lists_members_and_sets_live_state_without_a_component()
    {
        await using var server = await LiveServer.StartAsync(pipeline: TestUsers.SignInFromQuery);
        var rooms = server.Services.GetRequiredService<ILiveRooms>();
        await using var alice = await RoomWire.ConnectAsync(server, "alice");
        await alice.Chatter.InvokeAsync("join", new { room = "news" });
        var instance = (await alice.WaitForAsync("joined")).GetProperty("roomInstance").GetString()!;
        var room = rooms.Room("news");

        var delivered = await room.EmitAsync(new ChatMessage("deploy done"));
        await room.UpdateStateAsync(s =>
        {
            s.Set("headline", "Deployed");
            s.Merge("", new JsonObject { ["build"] = 42 });
            s.Push("history", "v1");
        });
        await room.SetLiveStateAsync("banner", "maintenance at 5");
        var members = await room.GetMembersAsync();

        Assert.Equal(1, delivered);
        var message = await alice.WaitForAsync("event");
        Assert.False(message.TryGetProperty("from", out _));
        Assert.Equal(["alice"], members.Select(m => m.UserId));
        var document = await alice.RoomDocumentAsync(instance, d => d["live"]!["banner"] is not null);
        Assert.Equal("""{"headline":"Deployed","build":42,"history":["v1"]}""", document["state"]!.ToJsonString());
        Assert.Equal("server", document["live"]!["banner"]!["userId"]!.GetValue<string>());
        await alice.Chatter.WaitForStateAsync(s => s["received"]!.AsArray().Count == 1, Clients.Wait);
    }

    [Fact]
    public async Task Broadcasting_to_a_room_that_does_not_exist_reaches_nobody_and_creates_nothing()
    {
        await using var server = await LiveServer.StartAsync();
        var rooms = server.Services.GetRequiredService<ILiveRooms>();

        Assert.Equal(0, await rooms.Room("ghost").EmitAsync(new ChatMessage("boo")));
        Assert.DoesNotContain("ghost", rooms.Names);
        Assert.Throws<LiveRoomException>(() => rooms.Room("no spaces"));
    }

    [Fact]
    public async Task Sending_to_a_user_reaches_all_their_connections_and_nobody_else()
    {
        await using var server = await LiveServer.StartAsync(pipeline: TestUsers.SignInFromQuery);
        await using var tab1 = await RoomWire.ConnectAsync(server, "alice");
        await using var tab2 = await RoomWire.ConnectAsync(server, "alice");
        await using var bob = await RoomWire.ConnectAsync(server, "bob");
        var typed = new TaskCompletionSource<Live.Client.LiveEventMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        tab1.Connection.EventReceived += e => typed.TrySetResult(e);

        var delivered = await server.Services.GetRequiredService<ILiveRooms>().SendToUserAsync("alice", new Nudge("your export is ready"));

        Assert.Equal(2, delivered);
        var received = await tab2.WaitForAsync("event");
        await tab1.WaitForAsync("event");
        Assert.Equal("nudge", received.GetProperty("event").GetString());
        Assert.False(received.TryGetProperty("room", out _));
        Assert.Equal("your export is ready", received.GetProperty("data").GetProperty("why").GetString());
        Assert.Empty(bob.OfType("event"));
        var viaClientApi = await typed.Task.WaitAsync(Clients.Wait);
        Assert.Equal(("nudge", null, "server"), (viaClientApi.Name, viaClientApi.Room, viaClientApi.From));
        Assert.Equal("your export is ready", viaClientApi.Data.GetProperty("why").GetString());
    }

    [Fact]
    public async Task A_failing_update_changes_nothing_even_after_earlier_operations_of_it_succeeded()
    {
        await using var server = await LiveServer.StartAsync();
        var room = server.Services.GetRequiredService<ILiveRooms>().Room("atomic");
        await room.SetAsync("count", 1);

        var error = await Assert.ThrowsAsync<LiveRoomException>(() => room.UpdateStateAsync(s =>
        {
            s.Increment("count");
            s.Push("count", "not a list");
        }));

        Assert.Equal("room_state_conflict", error.Code);
        Assert.Equal("""{"count":1}""", (await room.GetStateAsync()).ToJsonString());
    }
}
