using System.Text;
using System.Text.Json;
using Live.IntegrationTests.Infrastructure;

namespace Live.IntegrationTests;

public sealed class StateDiffTests
{
    [Theory]
    [InlineData("toggle", """{"index":1234}""")]
    [InlineData("insertAt", """{"index":5000,"text":"new"}""")]
    [InlineData("removeAt", """{"index":9999}""")]
    public async Task One_change_in_a_10000_item_keyed_list_sends_ops_for_that_item_only_in_the_result(string action, string args)
    {
        await using var server = await LiveServer.StartAsync();
        await using var client = await Clients.ConnectAsync(server);
        var list = await client.MountAsync("BigList");
        var patchFrames = new List<string>();
        client.MessageReceived += m =>
        {
            // Every frame after the mount: there must be exactly one, the result carrying the ops.
            if (m.GetProperty("type").GetString() != "mounted")
            {
                lock (patchFrames)
                {
                    patchFrames.Add(m.GetRawText());
                }
            }
        };

        await list.InvokeAsync(action, JsonDocument.Parse(args).RootElement);

        string frame;
        lock (patchFrames)
        {
            frame = Assert.Single(patchFrames);
        }

        Assert.Equal("result", JsonDocument.Parse(frame).RootElement.GetProperty("type").GetString());
        var ops = JsonDocument.Parse(frame).RootElement.GetProperty("ops");
        Assert.Equal(1, ops.GetArrayLength());
        Assert.True(Encoding.UTF8.GetByteCount(frame) < 200, $"{Encoding.UTF8.GetByteCount(frame)} bytes: {frame}");
        Assert.Equal(action == "insertAt" ? 10_001 : action == "removeAt" ? 9_999 : 10_000, list.State["items"]!.AsArray().Count);
    }

    [Fact]
    public async Task Concurrent_actions_on_one_instance_run_one_at_a_time_with_consecutive_versions()
    {
        await using var server = await LiveServer.StartAsync(o => o.Limits.MaxPendingRequestsPerConnection = 64);
        await using var client = await Clients.ConnectAsync(server);
        var counter = await client.MountAsync("Counter");

        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => counter.InvokeAsync<int>("addLaterAsync", new { amount = 1 })));

        Assert.Equal(Enumerable.Range(1, 50), results.Order());
        Assert.Equal(50, counter.State["count"]!.GetValue<int>());
        Assert.Equal(50, counter.Version);
    }

    [Fact]
    public async Task Actions_from_many_connections_on_a_singleton_are_serialized_and_everyone_converges()
    {
        await using var server = await LiveServer.StartAsync();
        var clients = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Clients.ConnectAsync(server)));
        try
        {
            var boards = await Task.WhenAll(clients.Select(c => c.MountAsync("SharedBoard")));
            var ids = await Task.WhenAll(boards.SelectMany(b => Enumerable.Range(0, 10).Select(i => b.InvokeAsync<int>("post", new { text = $"n{i}" }))));

            Assert.Equal(Enumerable.Range(1, 50), ids.Order());
            foreach (var board in boards)
            {
                await board.WaitForStateAsync(s => s["notes"]!.AsArray().Count == 50, Clients.Wait);
            }

            Assert.Single(boards.Select(b => b.State.ToJsonString()).Distinct());
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task A_kept_alive_singleton_keeps_its_state_after_the_last_connection_leaves()
    {
        await using var server = await LiveServer.StartAsync();
        await using (var first = await Clients.ConnectAsync(server))
        {
            var board = await first.MountAsync("KeptBoard");
            Assert.Equal(1, await board.InvokeAsync<int>("visit"));
        }

        await using var second = await Clients.ConnectAsync(server);
        var again = await second.MountAsync("KeptBoard");
        Assert.Equal(1, again.State["visits"]!.GetValue<int>());
        Assert.Equal(2, await again.InvokeAsync<int>("visit"));
    }
}
