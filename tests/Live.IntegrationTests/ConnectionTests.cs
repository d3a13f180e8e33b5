using Live.IntegrationTests.Components;
using Live.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Live.IntegrationTests;

public sealed class ConnectionTests
{
    [Fact]
    public async Task Several_components_on_one_connection_keep_separate_state()
    {
        await using var server = await LiveServer.StartAsync();
        await using var client = await Clients.ConnectAsync(server);
        var first = await client.MountAsync("Counter");
        var second = await client.MountAsync("Counter");
        var lifecycle = await client.MountAsync("Lifecycle");

        await first.InvokeAsync("add", new { amount = 5 });
        await second.InvokeAsync("add", new { amount = 7 });
        await lifecycle.InvokeAsync("run");

        Assert.NotEqual(first.InstanceId, second.InstanceId);
        Assert.Equal(5, first.State["count"]!.GetValue<int>());
        Assert.Equal(7, second.State["count"]!.GetValue<int>());
        Assert.Equal(1, lifecycle.State["runs"]!.GetValue<int>());
    }

    [Fact]
    public async Task Two_connections_get_separate_instances_of_a_per_connection_component()
    {
        await using var server = await LiveServer.StartAsync();
        await using var alice = await Clients.ConnectAsync(server);
        await using var bob = await Clients.ConnectAsync(server);
        var aliceCounter = await alice.MountAsync("Counter");
        var bobCounter = await bob.MountAsync("Counter");

        await aliceCounter.InvokeAsync("add", new { amount = 10 });

        Assert.Equal(10, aliceCounter.State["count"]!.GetValue<int>());
        Assert.Equal(0, bobCounter.State["count"]!.GetValue<int>());
        Assert.Equal(0, bobCounter.Version);
    }

    [Fact]
    public async Task A_singleton_is_shared_and_each_change_reaches_every_connection()
    {
        await using var server = await LiveServer.StartAsync();
        await using var alice = await Clients.ConnectAsync(server);
        await using var bob = await Clients.ConnectAsync(server);
        var aliceBoard = await alice.MountAsync("SharedBoard");
        await aliceBoard.InvokeAsync("post", new { text = "first" });
        var bobBoard = await bob.MountAsync("SharedBoard");

        Assert.Equal(aliceBoard.InstanceId, bobBoard.InstanceId);
        Assert.Equal(1, bobBoard.Version);
        Assert.Equal("first", bobBoard.State["notes"]![0]!["text"]!.GetValue<string>());

        await bobBoard.InvokeAsync("post", new { text = "second" });
        await aliceBoard.WaitForStateAsync(s => s["notes"]!.AsArray().Count == 2, Clients.Wait);
        Assert.Equal(2, aliceBoard.Version);
        Assert.NotEqual(await aliceBoard.InvokeAsync<string>("whoAmI"), await bobBoard.InvokeAsync<string>("whoAmI"));
    }

    [Fact]
    public async Task A_singleton_is_destroyed_when_its_last_connection_leaves_and_starts_fresh_after()
    {
        await using var server = await LiveServer.StartAsync();
        var log = server.Services.GetRequiredService<HookLog>();
        await using (var alice = await Clients.ConnectAsync(server))
        {
            var board = await alice.MountAsync("SharedBoard");
            await board.InvokeAsync("post", new { text = "gone soon" });
            await board.UnmountAsync();
        }

        await log.WaitForAsync(e => e == "board:destroy");
        await using var bob = await Clients.ConnectAsync(server);
        var fresh = await bob.MountAsync("SharedBoard");
        Assert.Empty(fresh.State["notes"]!.AsArray());
        Assert.Contains("board:disconnect:Unmounted", log.Entries);
    }

    [Fact]
    public async Task Lifecycle_hooks_run_in_order_and_props_reach_the_mount_hook()
    {
        // Retention off: the hooks run when the connection closes (RetentionTests cover the kept path).
        await using var server = await LiveServer.StartAsync(o => o.Retention.Window = TimeSpan.Zero);
        var log = server.Services.GetRequiredService<HookLog>();
        string instance;
        await using (var client = await Clients.ConnectAsync(server))
        {
            var lifecycle = await client.MountAsync("Lifecycle", new { greeting = "hi" });
            instance = lifecycle.InstanceId;
            Assert.Equal("hi", lifecycle.State["mountedWith"]!.GetValue<string>());
            await lifecycle.InvokeAsync("run");
        }

        await log.WaitForAsync(e => e == $"lifecycle:destroy:{instance}");
        var entries = log.Entries.Where(e => e.StartsWith("lifecycle:", StringComparison.Ordinal)).ToList();
        Assert.Equal(
            [$"lifecycle:mount:{instance}", "lifecycle:changed:Runs", $"lifecycle:disconnect:{instance}:ConnectionClosed", $"lifecycle:destroy:{instance}"],
            entries);
    }

    [Fact]
    public async Task Unmount_destroys_a_per_connection_instance_and_later_calls_find_nothing()
    {
        await using var server = await LiveServer.StartAsync();
        var log = server.Services.GetRequiredService<HookLog>();
        await using var client = await Clients.ConnectAsync(server);
        var lifecycle = await client.MountAsync("Lifecycle");

        await lifecycle.UnmountAsync();

        Assert.Contains($"lifecycle:destroy:{lifecycle.InstanceId}", log.Entries);
        var answer = await client.SendRawRequestAsync(
            $$$"""{"type":"action","id":"after","instance":"{{{lifecycle.InstanceId}}}","action":"run"}""", "after");
        Assert.Equal("instance_not_found", answer.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Closing_the_connection_cancels_its_running_actions_and_destroys_their_instances_when_retention_is_off()
    {
        await using var server = await LiveServer.StartAsync(o => o.Retention.Window = TimeSpan.Zero);
        var keeper = server.Services.GetRequiredService<GateKeeper>();
        var log = server.Services.GetRequiredService<HookLog>();
        var client = await Clients.ConnectAsync(server);
        var gate = await client.MountAsync("Gate");
        var pending = gate.InvokeAsync("passAsync");
        await keeper.HasEntered.WaitAsync(Clients.Wait);

        await client.DisposeAsync();

        await log.WaitForAsync(e => e == $"gate:destroy:{gate.InstanceId}");
        Assert.Contains("gate:canceled", log.Entries);
        await Assert.ThrowsAnyAsync<Exception>(() => pending);
    }
}
