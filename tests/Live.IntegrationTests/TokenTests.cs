using Live.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Live.IntegrationTests;

public sealed class TokenTests
{
    [Fact]
    public async Task Mounted_carries_a_token_and_a_resume_secret_for_per_connection_components_only()
    {
        await using var server = await LiveServer.StartAsync();
        await using var client = await Clients.ConnectAsync(server);
        var inbox = Inbox.Of(client);
        var counter = await client.MountAsync("Counter");
        await client.MountAsync("SharedBoard");

        var mounted = inbox.OfType("mounted");
        var perConnection = mounted.Single(m => m.GetProperty("component").GetString() == "Counter");
        var singleton = mounted.Single(m => m.GetProperty("component").GetString() == "SharedBoard");
        var payload = TestTokens.Read(perConnection.GetProperty("token").GetString()!);
        Assert.Equal("Counter", payload["c"]!.GetValue<string>());
        Assert.Equal(counter.InstanceId, payload["i"]!.GetValue<string>());
        Assert.Equal(0, payload["ver"]!.GetValue<long>());
        Assert.Equal(0, payload["s"]!["count"]!.GetValue<int>());
        Assert.True(perConnection.GetProperty("resume").GetString()!.Length >= 22);
        Assert.False(perConnection.TryGetProperty("rehydrated", out _));
        Assert.False(singleton.TryGetProperty("token", out _));
        Assert.False(singleton.TryGetProperty("resume", out _));
    }

    [Fact]
    public async Task A_burst_of_changes_gets_one_trailing_token_covering_the_last_version()
    {
        var time = new FakeTimeProvider();
        await using var server = await LiveServer.StartAsync(services: s => s.AddSingleton<TimeProvider>(time));
        await using var client = await Clients.ConnectAsync(server);
        var inbox = Inbox.Of(client);
        var counter = await client.MountAsync("Counter");

        for (var i = 0; i < 5; i++)
        {
            await counter.InvokeAsync("increment");
        }

        Assert.Empty(inbox.OfType("token"));
        time.Advance(TimeSpan.FromSeconds(2));
        await inbox.WaitForTypeAsync("token");
        await counter.InvokeAsync("increment"); // a round trip: anything else queued before it has arrived

        var token = Assert.Single(inbox.OfType("token"));
        Assert.Equal(counter.InstanceId, token.GetProperty("instance").GetString());
        Assert.Equal(5, token.GetProperty("version").GetInt64());
        var payload = TestTokens.Read(token.GetProperty("token").GetString()!);
        Assert.Equal(5, payload["ver"]!.GetValue<long>());
        Assert.Equal(5, payload["s"]!["count"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_change_after_a_quiet_interval_gets_its_token_at_once_after_the_result_that_carried_it()
    {
        var time = new FakeTimeProvider();
        await using var server = await LiveServer.StartAsync(services: s => s.AddSingleton<TimeProvider>(time));
        await using var client = await Clients.ConnectAsync(server);
        var inbox = Inbox.Of(client);
        var counter = await client.MountAsync("Counter");
        time.Advance(TimeSpan.FromSeconds(3));

        await counter.InvokeAsync("increment");
        await inbox.WaitForTypeAsync("token"); // no further time passes: the token is not the trailing one

        var order = inbox.Messages.Select(m => m.GetProperty("type").GetString()).ToList();
        var token = Assert.Single(inbox.OfType("token"));
        Assert.Equal(1, token.GetProperty("version").GetInt64());
        Assert.Equal(1, TestTokens.Read(token.GetProperty("token").GetString()!)["s"]!["count"]!.GetValue<int>());
        var result = Assert.Single(inbox.OfType("result"));
        Assert.True(result.TryGetProperty("ops", out _)); // the change travelled in the result, not a patch
        Assert.Empty(inbox.OfType("patch"));
        Assert.True(order.IndexOf("result") < order.IndexOf("token"), string.Join(",", order));
    }

    [Fact]
    public async Task No_token_is_sent_when_nothing_changed_since_the_last_one()
    {
        var time = new FakeTimeProvider();
        await using var server = await LiveServer.StartAsync(services: s => s.AddSingleton<TimeProvider>(time));
        await using var client = await Clients.ConnectAsync(server);
        var inbox = Inbox.Of(client);
        var counter = await client.MountAsync("Counter");
        time.Advance(TimeSpan.FromSeconds(3));
        await counter.InvokeAsync("increment"); // token at once (v1)

        time.Advance(TimeSpan.FromSeconds(10));
        await counter.InvokeAsync("add", new { amount = 0 }); // no change, no patch, no token

        Assert.Single(inbox.OfType("token"));
    }
}
