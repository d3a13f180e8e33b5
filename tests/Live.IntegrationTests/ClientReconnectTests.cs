using Live.Client;
using Live.IntegrationTests.Components;
using Live.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Live.IntegrationTests;

/// <summary>The .NET client's reconnect against a real server: resume after a drop, rehydrate after a restart.</summary>
public sealed class ClientReconnectTests
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task After_a_dropped_socket_the_client_resumes_and_a_change_made_during_the_gap_arrives()
    {
        await using var server = await LiveServer.StartAsync();
        var clock = new FakeTimeProvider();
        await using var client = await ConnectAsync(server, clock);
        var ticker = await client.MountAsync("Ticker");
        var restored = Restored(ticker);
        var instance = ticker.InstanceId;

        var reconnecting = Signal(h => client.Reconnecting += _ => h());
        server.DropConnections();
        await reconnecting.WaitAsync(Clients.Wait);
        await server.Logs.WaitForAsync(e => e.Message.Contains($"{instance} of 'Ticker' lost its connection", StringComparison.Ordinal));
        server.Services.GetRequiredService<ExternalEvents>().Raise("while away");
        clock.Advance(Step); // the backoff's first wait is at most BaseDelay

        Assert.Equal(LiveRestoreKind.Resumed, await restored.WaitAsync(Clients.Wait));
        Assert.Equal(instance, ticker.InstanceId);
        Assert.Equal("while away", ticker.State["lastEvent"]!.GetValue<string>());
        Assert.Equal(1, ticker.Version);
        Assert.True(client.IsConnected);

        // The handle keeps working: actions and changes.
        server.Services.GetRequiredService<ExternalEvents>().Raise("after");
        await ticker.WaitForStateAsync(s => s["lastEvent"]!.GetValue<string>() == "after", Clients.Wait);
        Assert.Equal(2, ticker.Version);
    }

    [Fact]
    public async Task After_a_restart_with_the_same_key_the_client_rehydrates_its_state()
    {
        var clock = new FakeTimeProvider();
        var server = await LiveServer.StartAsync(o => o.Signing.TokenInterval = TimeSpan.FromTicks(1));
        var port = server.LiveUri.Port;
        LiveServer? restarted = null;
        var client = await ConnectAsync(server, clock);
        try
        {
            var counter = await client.MountAsync("Counter");
            await counter.InvokeAsync("add", new { amount = 41 });
            await counter.InvokeAsync("renameAsync", new { label = "kept" });
            var oldInstance = counter.InstanceId;
            var restored = Restored(counter);
            var reconnecting = Signal(h => client.Reconnecting += _ => h());

            await server.DisposeAsync();
            await reconnecting.WaitAsync(Clients.Wait);
            restarted = await LiveServer.StartAsync(port: port);
            clock.Advance(Step); // the first backoff wait is at most BaseDelay; the server is back by then

            Assert.Equal(LiveRestoreKind.Rehydrated, await restored.WaitAsync(Clients.Wait));
            Assert.NotEqual(oldInstance, counter.InstanceId);
            Assert.Equal(41, counter.State["count"]!.GetValue<int>());
            Assert.Equal("kept", counter.State["label"]!.GetValue<string>());
            Assert.Equal(42, await counter.InvokeAsync<int>("add", new { amount = 1 }));
        }
        finally
        {
            await client.DisposeAsync();
            if (restarted is not null)
            {
                await restarted.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Without_a_resume_secret_or_token_a_component_is_mounted_afresh_with_its_props()
    {
        await using var server = await LiveServer.StartAsync(o => o.Retention.Window = TimeSpan.Zero);
        var clock = new FakeTimeProvider();
        await using var client = await ConnectAsync(server, clock);
        var lifecycle = await client.MountAsync("Lifecycle", new { greeting = "again" });
        await lifecycle.InvokeAsync("run");
        var restored = Restored(lifecycle);
        var reconnecting = Signal(h => client.Reconnecting += _ => h());

        // Resume fails (retention is off) and the token is from before the run, so it is the fresh-mount path only
        // when the token is refused too: use it up first.
        var used = await client.SendRawRequestAsync(
            System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, string> { ["type"] = "rehydrate", ["id"] = "use", ["component"] = "Lifecycle", ["token"] = lifecycle.StateToken! }), "use");
        Assert.Equal("mounted", used.GetProperty("type").GetString());
        server.DropConnections();
        await reconnecting.WaitAsync(Clients.Wait);
        clock.Advance(Step);

        Assert.Equal(LiveRestoreKind.Mounted, await restored.WaitAsync(Clients.Wait));
        Assert.Equal("again", lifecycle.State["mountedWith"]!.GetValue<string>());
        Assert.Equal(0, lifecycle.State["runs"]!.GetValue<int>());
        await lifecycle.InvokeAsync("run");
        Assert.Equal(1, lifecycle.State["runs"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_close_asked_for_by_the_client_does_not_reconnect()
    {
        await using var server = await LiveServer.StartAsync();
        var clock = new FakeTimeProvider();
        var client = await ConnectAsync(server, clock);
        var reconnects = 0;
        client.Reconnecting += _ => reconnects++;

        await client.DisposeAsync();

        Assert.Equal(0, reconnects);
        Assert.False(client.IsConnected);
        Assert.True(client.Completion.IsCompleted);
    }

    [Fact]
    public void Backoff_waits_a_random_time_up_to_the_capped_exponential()
    {
        var options = new LiveReconnectOptions { BaseDelay = TimeSpan.FromMilliseconds(100), MaxDelay = TimeSpan.FromSeconds(1) };
        var random = new Random(7);

        for (var attempt = 0; attempt < 12; attempt++)
        {
            var cap = Math.Min(1000, 100 * Math.Pow(2, attempt));
            var delays = Enumerable.Range(0, 200).Select(_ => options.DelayFor(attempt, random).TotalMilliseconds).ToList();
            Assert.All(delays, d => Assert.InRange(d, 0, cap));
            Assert.True(delays.Max() > cap * 0.8, $"attempt {attempt}: jitter should spread up to the cap {cap}");
            Assert.True(delays.Min() < cap * 0.2, $"attempt {attempt}: full jitter should reach near zero");
        }
    }

    private static Task<LiveConnection> ConnectAsync(LiveServer server, FakeTimeProvider clock) =>
        Clients.ConnectAsync(server, o =>
        {
            o.TimeProvider = clock;
            o.HeartbeatInterval = Timeout.InfiniteTimeSpan;
            o.Reconnect = new LiveReconnectOptions { Enabled = true, BaseDelay = TimeSpan.FromMilliseconds(500), MaxDelay = TimeSpan.FromSeconds(30) };
        });

    private static Task<LiveRestoreKind> Restored(LiveComponentHandle handle)
    {
        var done = new TaskCompletionSource<LiveRestoreKind>(TaskCreationOptions.RunContinuationsAsynchronously);
        handle.Restored += (_, kind) => done.TrySetResult(kind);
        return done.Task;
    }

    private static Task Signal(Action<Action> subscribe)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        subscribe(() => done.TrySetResult());
        return done.Task;
    }
}
