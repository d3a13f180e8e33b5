using System.Text.Json;
using Live.Client;
using Live.IntegrationTests.Components;
using Live.IntegrationTests.Infrastructure;

namespace Live.IntegrationTests;

public sealed class ActionTests
{
    [Fact]
    public async Task Mount_answers_with_the_full_default_state_at_version_zero()
    {
        await using var server = await LiveServer.StartAsync();
        await using var client = await Clients.ConnectAsync(server);

        var counter = await client.MountAsync("Counter");

        Assert.Equal(0, counter.Version);
        Assert.Equal(0, counter.State["count"]!.GetValue<int>());
        Assert.Equal("counter", counter.State["label"]!.GetValue<string>());
        Assert.StartsWith("c_", counter.InstanceId, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Action_without_result_sends_one_patch_then_an_empty_result()
    {
        await using var server = await LiveServer.StartAsync();
        await using var client = await Clients.ConnectAsync(server);
        var counter = await client.MountAsync("Counter");

        var result = await counter.InvokeAsync("increment");

        Assert.Null(result);
        Assert.Equal(1, counter.Version);
        Assert.Equal(1, counter.State["count"]!.GetValue<int>());
    }

    [Fact]
    public async Task Action_with_result_returns_the_value_after_the_state_arrived()
    {
        await using var server = await LiveServer.StartAsync();
        await using var client = await Clients.ConnectAsync(server);
        var counter = await client.MountAsync("Counter");

        var total = await counter.InvokeAsync<int>("add", new { amount = 41 });

        Assert.Equal(41, total);
        Assert.Equal(41, counter.State["count"]!.GetValue<int>());
    }

    [Fact]
    public async Task Async_actions_returning_task_and_valuetask_work_and_bind_the_cancellation_token()
    {
        await using var server = await LiveServer.StartAsync();
        await using var client = await Clients.ConnectAsync(server);
        var counter = await client.MountAsync("Counter");

        var total = await counter.InvokeAsync<int>("addLaterAsync", new { amount = 3 });
        await counter.InvokeAsync("renameAsync", new { label = "renamed" });

        Assert.Equal(3, total);
        Assert.Equal("renamed", counter.State["label"]!.GetValue<string>());
        Assert.Equal(2, counter.Version);
    }

    [Fact]
    public async Task Optional_and_nullable_parameters_take_their_defaults()
    {
        await using var server = await LiveServer.StartAsync();
        await using var client = await Clients.ConnectAsync(server);
        var counter = await client.MountAsync("Counter");

        Assert.Equal("hello world;", await counter.InvokeAsync<string>("greet"));
        Assert.Equal("hello ann;hello ann;", await counter.InvokeAsync<string>("greet", new { name = "ann", times = 2 }));
        Assert.Equal("hello bo;", await counter.InvokeAsync<string>("greet", new { name = "bo", times = (int?)null }));
    }

    [Fact]
    public async Task Records_and_collections_round_trip_as_arguments_and_results()
    {
        await using var server = await LiveServer.StartAsync();
        await using var client = await Clients.ConnectAsync(server);
        var counter = await client.MountAsync("Counter");
        EchoItem[] items = [new("a", 1, ["x", "y"]), new("b", 2, [])];

        var echoed = await counter.InvokeAsync<List<EchoItem>>("echo", new { items });

        Assert.NotNull(echoed);
        Assert.Equal(2, echoed.Count);
        Assert.Equal(items[0].Name, echoed[0].Name);
        Assert.Equal(items[0].Tags, echoed[0].Tags);
        Assert.Equal(2, echoed[1].Quantity);
    }

    [Fact]
    public async Task An_action_that_changes_nothing_sends_no_patch()
    {
        await using var server = await LiveServer.StartAsync();
        await using var client = await Clients.ConnectAsync(server);
        var counter = await client.MountAsync("Counter");

        await counter.InvokeAsync("noOp");
        await counter.InvokeAsync("increment");

        // Had the no-op sent a patch, the increment's patch would carry version 2.
        Assert.Equal(1, counter.Version);
    }

    [Fact]
    public async Task Two_members_changed_in_one_action_arrive_in_one_change()
    {
        await using var server = await LiveServer.StartAsync();
        await using var client = await Clients.ConnectAsync(server);
        var board = await client.MountAsync("Lifecycle");
        var patches = new List<JsonElement>();
        client.MessageReceived += m =>
        {
            // A per-connection instance: the change rides in the result (no separate patch frame).
            if (m.GetProperty("type").GetString() is "patch" or "result" && m.TryGetProperty("ops", out _))
            {
                lock (patches)
                {
                    patches.Add(m.Clone());
                }
            }
        };

        await board.InvokeAsync("run");

        lock (patches)
        {
            Assert.Single(patches);
        }
    }
}
