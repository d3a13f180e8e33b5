using Live.Client;
using Live.IntegrationTests.Infrastructure;

namespace Live.IntegrationTests.Rooms;

public sealed class RoomStateTests
{
    [Fact]
    public async Task State_operations_reach_every_member_as_patches_on_the_rooms_pseudo_instance()
    {
        await using var server = await LiveServer.StartAsync();
        await using var a = await RoomWire.ConnectAsync(server);
        await using var b = await RoomWire.ConnectAsync(server);
        await a.Chatter.InvokeAsync("join", new { room = "board" });
        await b.Chatter.InvokeAsync("join", new { room = "board" });
        var instance = (await b.WaitForAsync("joined")).GetProperty("roomInstance").GetString()!;

        await a.Chatter.InvokeAsync("push", new { room = "board", path = "notes", item = "milk" });
        await a.Chatter.InvokeAsync("push", new { room = "board", path = "notes", item = "eggs" });
        var count = await a.Chatter.InvokeAsync<long>("increment", new { room = "board", path = "stats/count", by = 5 });
        await a.Chatter.InvokeAsync("set", new { room = "board", path = "title", value = "Shopping" });

        Assert.Equal(5, count);
        var document = await b.RoomDocumentAsync(instance, d => d["state"]!["title"]?.GetValue<string>() == "Shopping");
        Assert.Equal("""{"notes":["milk","eggs"],"stats":{"count":5},"title":"Shopping"}""", document["state"]!.ToJsonString());
        var patch = b.OfType("patch").First(p => p.GetProperty("instance").GetString() == instance);
        Assert.Contains("/state/notes", patch.GetProperty("ops").GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_operation_on_a_value_of_the_wrong_type_answers_room_state_conflict_and_changes_nothing()
    {
        await using var server = await LiveServer.StartAsync();
        await using var a = await RoomWire.ConnectAsync(server);
        await a.Chatter.InvokeAsync("join", new { room = "typed" });
        await a.Chatter.InvokeAsync("set", new { room = "typed", path = "name", value = "x" });
        var instance = (await a.WaitForAsync("joined")).GetProperty("roomInstance").GetString()!;
        await a.RoomDocumentAsync(instance, d => d["state"]!["name"] is not null);
        var patchesBefore = a.OfType("patch").Count();

        var increment = await Assert.ThrowsAsync<LiveErrorException>(() => a.Chatter.InvokeAsync("increment", new { room = "typed", path = "name", by = 1 }));
        var push = await Assert.ThrowsAsync<LiveErrorException>(() => a.Chatter.InvokeAsync("push", new { room = "typed", path = "name", item = "y" }));

        Assert.Equal("room_state_conflict", increment.Code);
        Assert.EndsWith("'/name' holds a string: Increment needs a number.", increment.Message, StringComparison.Ordinal);
        Assert.Equal("room_state_conflict", push.Code);
        Assert.Contains("Push needs a list", push.Message, StringComparison.Ordinal);
        await a.Chatter.InvokeAsync("set", new { room = "typed", path = "after", value = "1" });
        var document = await a.RoomDocumentAsync(instance, d => d["state"]!["after"] is not null);
        Assert.Equal("""{"name":"x","after":"1"}""", document["state"]!.ToJsonString());
        Assert.Equal(patchesBefore + 1, a.OfType("patch").Count());
    }

    [Fact]
    public async Task A_version_gap_is_repaired_by_resync_of_the_room_instance()
    {
        await using var server = await LiveServer.StartAsync();
        await using var a = await RoomWire.ConnectAsync(server);
        await a.Chatter.InvokeAsync("join", new { room = "gap" });
        await a.Chatter.InvokeAsync("push", new { room = "gap", path = "items", item = "one" });
        var instance = (await a.WaitForAsync("joined")).GetProperty("roomInstance").GetString()!;

        var state = await a.RequestAsync($$"""{"type":"resync","id":"$id","instance":"{{instance}}"}""");

        Assert.Equal("state", state.GetProperty("type").GetString());
        Assert.Equal(instance, state.GetProperty("instance").GetString());
        Assert.Equal(2, state.GetProperty("version").GetInt64()); // the join, then the push
        Assert.Equal("one", state.GetProperty("state").GetProperty("state").GetProperty("items")[0].GetString());
    }
}
