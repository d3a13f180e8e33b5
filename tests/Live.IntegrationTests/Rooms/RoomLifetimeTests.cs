using Live.IntegrationTests.Components;
using Live.IntegrationTests.Infrastructure;
using Live.Rooms;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Live.IntegrationTests.Rooms;

public sealed class RoomLifetimeTests
{
    [Fact]
    public async Task An_empty_room_keeps_its_state_until_the_cleanup_timeout_then_is_destroyed()
    {
        var time = new FakeTimeProvider();
        await using var server = await LiveServer.StartAsync(
            o => o.Rooms.CleanupTimeout = TimeSpan.FromSeconds(10),
            services: s => s.AddSingleton<TimeProvider>(time));
        var rooms = server.Services.GetRequiredService<ILiveRooms>();
        var log = server.Services.GetRequiredService<HookLog>();
        await using var a = await RoomWire.ConnectAsync(server);
        await a.Chatter.InvokeAsync("join", new { room = "tickets:t" });
        await a.Chatter.InvokeAsync("leave", new { room = "tickets:t" });

        time.Advance(TimeSpan.FromSeconds(9));
        await a.Chatter.InvokeAsync("join", new { room = "tickets:t" });   // back before the timeout: same room
        await a.Chatter.InvokeAsync("leave", new { room = "tickets:t" });
        time.Advance(TimeSpan.FromSeconds(9));
        Assert.Contains("tickets:t", rooms.Names);
        Assert.Equal(2, (await rooms.Room("tickets:t").GetStateAsync())["joins"]!.GetValue<int>());

        time.Advance(TimeSpan.FromSeconds(1));

        await log.WaitForAsync(e => e == "tickets:destroyed:t", Clients.Wait);
        Assert.DoesNotContain("tickets:t", rooms.Names);
        Assert.Single(log.Entries, e => e == "tickets:created:t");
    }

    [Fact]
    public async Task A_room_created_by_a_state_operation_without_members_is_cleaned_up_too()
    {
        var time = new FakeTimeProvider();
        await using var server = await LiveServer.StartAsync(services: s => s.AddSingleton<TimeProvider>(time));
        var rooms = server.Services.GetRequiredService<ILiveRooms>();
        var log = server.Services.GetRequiredService<HookLog>();

        await rooms.Room("tickets:api").SetAsync("note", "from a background job");
        Assert.Contains("tickets:api", rooms.Names);
        time.Advance(TimeSpan.FromSeconds(30));

        await log.WaitForAsync(e => e == "tickets:destroyed:api", Clients.Wait);
    }
}
