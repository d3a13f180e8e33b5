using System.Text.Json.Nodes;
using Live.IntegrationTests.Infrastructure;
using Live.Rooms;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Live.IntegrationTests.Rooms;

/// <summary>
/// Live state belongs to the connection that wrote it last: it goes when that connection (one tab of a user with two)
/// leaves the room for good, in the patch that counts the user's connections down; a dropped, held connection keeps
/// it until its window ends, and a resume passes it to the new connection.
/// </summary>
public sealed class LiveStateOwnershipTests
{
    private const string Key = "editing:alice";

    [Fact]
    public async Task A_tab_closed_on_purpose_takes_its_live_state_with_it_while_the_user_stays_a_member()
    {
        await using var server = await LiveServer.StartAsync(pipeline: TestUsers.SignInFromQuery);
        var (observer, room) = await ObserveAsync(server, "doc");
        await using var _ = observer;
        await using var tabB = await JoinAsync(server, "alice", "doc");
        var tabA = await JoinAsync(server, "alice", "doc");
        await tabA.Chatter.InvokeAsync("setLive", new { room = "doc", key = Key, value = "yes" });
        await observer.RoomDocumentAsync(room, d => d["live"]![Key] is not null && Connections(d) == 2);

        var mark = observer.DocumentCount;
        await tabA.DisposeAsync();

        // One patch: alice goes down to one connection and her closed tab's entry goes with it.
        var after = await observer.RoomDocumentAfterAsync(mark, room, d => Connections(d) == 1);
        Assert.Null(after["live"]![Key]);
        Assert.Equal(1, observer.DocumentCount - mark);
        Assert.Equal("Alice", after["members"]!["alice"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_dropped_tab_keeps_its_live_state_while_held_and_loses_it_when_the_window_ends()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await LiveServer.StartAsync(
            o => o.Retention.Window = TimeSpan.FromSeconds(10),
            services: s => s.AddSingleton<TimeProvider>(time),
            pipeline: TestUsers.SignInFromQuery);
        var (observer, room) = await ObserveAsync(server, "doc");
        await using var _ = observer;
        await using var tabB = await JoinAsync(server, "alice", "doc");
        server.SpareConnections();
        await using var tabA = await JoinAsync(server, "alice", "doc");
        await tabA.Chatter.InvokeAsync("setLive", new { room = "doc", key = Key, value = "yes" });
        await observer.RoomDocumentAsync(room, d => d["live"]![Key] is not null && Connections(d) == 2);

        var mark = observer.DocumentCount;
        await ResumeTests.DropAndWaitUntilKeptAsync(server, tabA.Connection, tabA.Chatter.InstanceId);

        // Held: alice shows her one live tab and is still editing.
        var held = await observer.RoomDocumentAfterAsync(mark, room, d => Connections(d) == 1);
        Assert.Equal("yes", held["live"]![Key]!["value"]!.GetValue<string>());

        mark = observer.DocumentCount;
        time.Advance(TimeSpan.FromSeconds(11));

        var after = await observer.RoomDocumentAfterAsync(mark, room, d => d["live"]![Key] is null);
        Assert.Equal(1, Connections(after));
        Assert.Equal(1, observer.DocumentCount - mark);
    }

    [Fact]
    public async Task A_resumed_tab_keeps_its_live_state_and_loses_it_when_its_new_connection_closes()
    {
        await using var server = await LiveServer.StartAsync(pipeline: TestUsers.SignInFromQuery);
        var (observer, room) = await ObserveAsync(server, "doc");
        await using var _ = observer;
        await using var tabB = await JoinAsync(server, "alice", "doc");
        server.SpareConnections();
        await using var tabA = await JoinAsync(server, "alice", "doc");
        var chatter = tabA.Chatter.InstanceId;
        await tabA.Chatter.InvokeAsync("setLive", new { room = "doc", key = Key, value = "yes" });
        var mark = observer.DocumentCount;
        await ResumeTests.DropAndWaitUntilKeptAsync(server, tabA.Connection, chatter);
        await observer.RoomDocumentAfterAsync(mark, room, d => Connections(d) == 1 && d["live"]![Key] is not null);

        mark = observer.DocumentCount;
        var back = await RoomWire.ConnectAsync(server, "alice");
        var resumed = await ResumeTests.ResumeRawAsync(back.Connection, chatter, tabA.Chatter.ResumeSecret!, tabA.Chatter.Version);
        Assert.True(resumed.GetProperty("type").GetString() == "resumed", resumed.GetRawText());
        var document = await observer.RoomDocumentAfterAsync(mark, room, d => Connections(d) == 2);
        Assert.Equal("yes", document["live"]![Key]!["value"]!.GetValue<string>());

        // The entry is the resumed tab's now: it goes with the new connection.
        mark = observer.DocumentCount;
        await back.DisposeAsync();
        var after = await observer.RoomDocumentAfterAsync(mark, room, d => Connections(d) == 1);
        Assert.Null(after["live"]![Key]);
    }

    [Fact]
    public async Task An_entry_another_tab_overwrote_stays_when_the_first_tab_leaves()
    {
        await using var server = await LiveServer.StartAsync(pipeline: TestUsers.SignInFromQuery);
        var (observer, room) = await ObserveAsync(server, "doc");
        await using var _ = observer;
        await using var tabB = await JoinAsync(server, "alice", "doc");
        var tabA = await JoinAsync(server, "alice", "doc");
        await tabA.Chatter.InvokeAsync("setLive", new { room = "doc", key = Key, value = "from a" });
        await tabA.Chatter.InvokeAsync("setLive", new { room = "doc", key = "cursor", value = "a's" });
        await tabB.Chatter.InvokeAsync("setLive", new { room = "doc", key = Key, value = "from b" });
        await observer.RoomDocumentAsync(room, d => d["live"]![Key]?["value"]?.GetValue<string>() == "from b" && d["live"]!["cursor"] is not null);

        var mark = observer.DocumentCount;
        await tabA.Chatter.InvokeAsync("leave", new { room = "doc" });

        var after = await observer.RoomDocumentAfterAsync(mark, room, d => Connections(d) == 1);
        Assert.Null(after["live"]!["cursor"]);
        Assert.Equal("from b", after["live"]![Key]!["value"]!.GetValue<string>());
        Assert.Equal("alice", after["live"]![Key]!["userId"]!.GetValue<string>());
        await tabA.DisposeAsync();
    }

    [Fact]
    public async Task Live_state_written_by_server_code_stays_when_the_connections_leave()
    {
        await using var server = await LiveServer.StartAsync(pipeline: TestUsers.SignInFromQuery);
        var (observer, room) = await ObserveAsync(server, "doc");
        await using var _ = observer;
        var alice = await JoinAsync(server, "alice", "doc");
        await server.Services.GetRequiredService<ILiveRooms>().Room("doc").SetLiveStateAsync("banner", "deploying");
        await observer.RoomDocumentAsync(room, d => d["live"]!["banner"] is not null);

        var mark = observer.DocumentCount;
        await alice.DisposeAsync();

        var after = await observer.RoomDocumentAfterAsync(mark, room, d => d["members"]!["alice"] is null);
        Assert.Equal("server", after["live"]!["banner"]!["userId"]!.GetValue<string>());
    }

    private static int? Connections(JsonNode document) => document["members"]!["alice"]?["connections"]?.GetValue<int>();

    private static async Task<(RoomWire Observer, string Room)> ObserveAsync(LiveServer server, string name)
    {
        var observer = await JoinAsync(server, "bob", name);
        return (observer, (await observer.WaitForAsync("joined")).GetProperty("roomInstance").GetString()!);
    }

    private static async Task<RoomWire> JoinAsync(LiveServer server, string user, string name)
    {
        var wire = await RoomWire.ConnectAsync(server, user);
        await wire.Chatter.InvokeAsync("join", new { room = name });
        return wire;
    }
}
