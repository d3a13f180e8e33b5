using Live.IntegrationTests.Components;
using Live.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Live.IntegrationTests;

public sealed class ServerChangeTests
{
    [Fact]
    public async Task A_timer_changes_state_and_each_tick_arrives_as_a_patch()
    {
        var time = new FakeTimeProvider();
        await using var server = await LiveServer.StartAsync(services: s => s.AddSingleton<TimeProvider>(time));
        await using var client = await Clients.ConnectAsync(server);
        var ticker = await client.MountAsync("Ticker");
        await ticker.InvokeAsync("start", new { everyMs = 1000 });

        time.Advance(TimeSpan.FromSeconds(1));
        await ticker.WaitForStateAsync(s => s["ticks"]!.GetValue<int>() == 1, Clients.Wait);
        time.Advance(TimeSpan.FromSeconds(1));
        await ticker.WaitForStateAsync(s => s["ticks"]!.GetValue<int>() == 2, Clients.Wait);

        Assert.Equal(2, ticker.Version);
    }

    [Fact]
    public async Task A_background_event_changes_state_through_InvokeAsync()
    {
        await using var server = await LiveServer.StartAsync();
        await using var client = await Clients.ConnectAsync(server);
        var ticker = await client.MountAsync("Ticker");

        server.Services.GetRequiredService<ExternalEvents>().Raise("deploy finished");

        await ticker.WaitForStateAsync(s => s["lastEvent"]!.GetValue<string>() == "deploy finished", Clients.Wait);
        Assert.Equal(1, ticker.Version);
    }
}
