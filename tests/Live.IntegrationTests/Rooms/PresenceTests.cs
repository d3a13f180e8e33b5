using Live.IntegrationTests.Components;
using Live.IntegrationTests.Infrastructure;
using Live.Presence;
using Live.Rooms;
using Microsoft.Extensions.DependencyInjection;

namespace Live.IntegrationTests.Rooms;

public sealed class PresenceTests
{
    [Fact]
    public async Task Two_connections_of_one_user_are_one_member_with_two_connections()
    {
        await using var server = await LiveServer.StartAsync(pipeline: TestUsers.SignInFromQuery);
        await using var observer = await RoomWire.ConnectAsync(server, "bob");
        await observer.Chatter.InvokeAsync("join", new { room = "doc" });
        var instance = (await observer.WaitForAsync("joined")).GetProperty("roomInstance").GetString()!;
        await using var tab1 = await RoomWire.ConnectAsync(server, "alice");
        var tab2 = await RoomWire.ConnectAsync(server, "alice");

        await tab1.Chatter.InvokeAsync("join", new { room = "doc" });
        await tab2.Chatter.InvokeAsync("join", new { room = "doc" });
        await observer.RoomDocumentAsync(instance, d => d["members"]!["alice"]?["connections"]?.GetValue<int>() == 2);
        var members = await server.Services.GetRequiredService<ILiveRooms>().Room("doc").GetMembersAsync();
        Assert.Equal(2, members.Count);
        Assert.Equal(2, members.Single(m => m.UserId == "alice").Connections);

        await tab2.DisposeAsync();
        var document = await observer.RoomDocumentAsync(instance, d => d["members"]!["alice"]?["connections"]?.GetValue<int>() == 1);
        Assert.Equal("Alice", document["members"]!["alice"]!["name"]!.GetValue<string>());
        await tab1.Chatter.InvokeAsync("leave", new { room = "doc" });
        await observer.RoomDocumentAsync(instance, d => d["members"]!["alice"] is null);
    }

    [Fact]
    public async Task Anonymous_connections_are_separate_guests_with_display_names()
    {
        await using var server = await LiveServer.StartAsync();
        await using var a = await RoomWire.ConnectAsync(server);
        await using var b = await RoomWire.ConnectAsync(server);
        await a.Chatter.InvokeAsync("join", new { room = "lobby" });
        await b.Chatter.InvokeAsync("join", new { room = "lobby" });

        var members = await server.Services.GetRequiredService<ILiveRooms>().Room("lobby").GetMembersAsync();

        Assert.Equal(2, members.Count);
        Assert.All(members, m => Assert.StartsWith("anon-", m.UserId));
        Assert.All(members, m => Assert.Matches("^Guest [0-9a-f]{4}$", m.DisplayName));
        Assert.NotEqual(members[0].UserId, members[1].UserId);
    }

    [Fact]
    public async Task Live_state_is_last_writer_wins_with_user_and_time_and_goes_when_the_user_leaves()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));
        await using var server = await LiveServer.StartAsync(pipeline: TestUsers.SignInFromQuery, services: s => s.AddSingleton<TimeProvider>(time));
        await using var alice = await RoomWire.ConnectAsync(server, "alice");
        var bob = await RoomWire.ConnectAsync(server, "bob");
        await alice.Chatter.InvokeAsync("join", new { room = "doc" });
        await bob.Chatter.InvokeAsync("join", new { room = "doc" });
        var instance = (await alice.WaitForAsync("joined")).GetProperty("roomInstance").GetString()!;

        await alice.Chatter.InvokeAsync("setLive", new { room = "doc", key = "cursor", value = "line 1" });
        await bob.Chatter.InvokeAsync("setLive", new { room = "doc", key = "cursor", value = "line 9" });
        await bob.Chatter.InvokeAsync("setLive", new { room = "doc", key = "typing:bob", value = "yes" });

        var document = await alice.RoomDocumentAsync(instance, d => d["live"]!["typing:bob"] is not null);
        Assert.Equal("line 9", document["live"]!["cursor"]!["value"]!.GetValue<string>());
        Assert.Equal("bob", document["live"]!["cursor"]!["userId"]!.GetValue<string>());
        Assert.Equal("2026-01-02T03:04:05+00:00", document["live"]!["cursor"]!["at"]!.GetValue<string>());

        await bob.Chatter.InvokeAsync("setLive", new { room = "doc", key = "typing:bob", value = (string?)null });
        await alice.RoomDocumentAsync(instance, d => d["live"]!["typing:bob"] is null);
        await bob.DisposeAsync();
        await alice.RoomDocumentAsync(instance, d => d["live"]!["cursor"] is null && d["members"]!["bob"] is null);
    }

    [Fact]
    public async Task Status_and_last_active_time_are_part_of_presence()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await using var server = await LiveServer.StartAsync(pipeline: TestUsers.SignInFromQuery, services: s => s.AddSingleton<TimeProvider>(time));
        await using var alice = await RoomWire.ConnectAsync(server, "alice");
        await alice.Chatter.InvokeAsync("join", new { room = "doc" });
        var instance = (await alice.WaitForAsync("joined")).GetProperty("roomInstance").GetString()!;

        time.Advance(TimeSpan.FromSeconds(20)); // under the 30 s idle timeout
        Assert.True(await server.Services.GetRequiredService<ILiveRooms>().Room("doc").SetStatusAsync(PresenceStatus.Away, "alice"));

        var document = await alice.RoomDocumentAsync(instance, d => d["members"]!["alice"]!["status"]!.GetValue<string>() == "away");
        Assert.Equal("2026-01-01T00:00:20+00:00", document["members"]!["alice"]!["lastActive"]!.GetValue<string>());
        Assert.False(await server.Services.GetRequiredService<ILiveRooms>().Room("doc").SetStatusAsync(PresenceStatus.Away, "nobody"));
    }
}
