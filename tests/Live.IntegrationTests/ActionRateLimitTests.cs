using System.Text.Json;
using Live.Client;
using Live.IntegrationTests.Infrastructure;

namespace Live.IntegrationTests;

/// <summary>[RateLimit] on actions: per connection, or per user across connections.</summary>
public sealed class ActionRateLimitTests
{
    [Fact]
    public async Task Calls_over_an_actions_limit_answer_rate_limited_with_their_id_and_when_to_retry()
    {
        await using var server = await LiveServer.StartAsync();
        await using var client = await Clients.ConnectAsync(server);
        var errors = new List<JsonElement>();
        client.MessageReceived += m =>
        {
            if (m.GetProperty("type").GetString() == "error")
            {
                lock (errors)
                {
                    errors.Add(m.Clone());
                }
            }
        };
        var throttled = await client.MountAsync("Throttled");
        await throttled.InvokeAsync("ping");
        await throttled.InvokeAsync("ping");

        var refused = await Assert.ThrowsAsync<LiveErrorException>(() => throttled.InvokeAsync("ping"));
        await throttled.InvokeAsync("free");

        Assert.Equal("rate_limited", refused.Code);
        Assert.Contains("allows 2 calls per 60 s per connection", refused.Message, StringComparison.Ordinal);
        JsonElement wire;
        lock (errors)
        {
            wire = Assert.Single(errors);
        }

        Assert.Equal(refused.RequestId, wire.GetProperty("id").GetString());
        var retryAfter = wire.GetProperty("retryAfterMs").GetInt32();
        Assert.InRange(retryAfter, 60_000, 66_000);
        Assert.Equal(3, throttled.State["pings"]!.GetValue<int>());
        Assert.Equal(3, throttled.Version);
    }

    [Fact]
    public async Task A_refused_caller_that_waits_the_retry_after_it_was_given_is_let_through_again()
    {
        await using var server = await LiveServer.StartAsync();
        await using var client = await Clients.ConnectAsync(server);
        var throttled = await client.MountAsync("Throttled");
        await throttled.InvokeAsync("tick");
        var refused = await Assert.ThrowsAsync<LiveErrorException>(() => throttled.InvokeAsync("tick"));
        Assert.Equal("rate_limited", refused.Code);
        var wait = Assert.NotNull(refused.RetryAfter);
        Assert.InRange(wait, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1.2));

        // A well-behaved client waits what it was told (real time: the limiter's window is real time), then retries.
        // The hint is when a permit is certainly back, so the first retry gets through (a second is tolerated only
        // for a heavily loaded machine whose timers fire late); polling every few milliseconds would fail here.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        var attempts = 0;
        while (true)
        {
            await Task.Delay(wait);
            attempts++;
            try
            {
                await throttled.InvokeAsync("tick");
                break;
            }
            catch (LiveErrorException again) when (again.Code == "rate_limited" && DateTime.UtcNow < deadline)
            {
                wait = again.RetryAfter!.Value;
            }
        }

        Assert.InRange(attempts, 1, 2);
        Assert.Equal(2, throttled.State["pings"]!.GetValue<int>());
    }

    [Fact]
    public async Task Per_connection_limit_does_not_touch_another_connection_of_the_same_user()
    {
        await using var server = await LiveServer.StartAsync();
        await using var first = await Clients.ConnectAsync(server, HeaderAuthentication.As("bob"));
        await using var second = await Clients.ConnectAsync(server, HeaderAuthentication.As("bob"));
        var a = await first.MountAsync("Throttled");
        var b = await second.MountAsync("Throttled");
        await a.InvokeAsync("ping");
        await a.InvokeAsync("ping");

        await Assert.ThrowsAsync<LiveErrorException>(() => a.InvokeAsync("ping"));
        await b.InvokeAsync("ping");

        Assert.Equal(1, b.State["pings"]!.GetValue<int>());
    }

    [Fact]
    public async Task Per_user_limit_is_shared_by_a_users_connections_and_not_by_other_users()
    {
        await using var server = await LiveServer.StartAsync();
        await using var bobOne = await Clients.ConnectAsync(server, HeaderAuthentication.As("bob"));
        await using var bobTwo = await Clients.ConnectAsync(server, HeaderAuthentication.As("bob"));
        await using var carol = await Clients.ConnectAsync(server, HeaderAuthentication.As("carol"));
        var one = await bobOne.MountAsync("Throttled");
        var two = await bobTwo.MountAsync("Throttled");
        var other = await carol.MountAsync("Throttled");
        await one.InvokeAsync("shout");
        await one.InvokeAsync("shout");

        var refused = await Assert.ThrowsAsync<LiveErrorException>(() => two.InvokeAsync("shout"));
        await other.InvokeAsync("shout");

        Assert.Equal("rate_limited", refused.Code);
        Assert.Contains("per user", refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, two.State["shouts"]!.GetValue<int>());
        Assert.Equal(1, other.State["shouts"]!.GetValue<int>());
    }

    [Fact]
    public async Task Per_user_limit_counts_anonymous_connections_separately()
    {
        await using var server = await LiveServer.StartAsync();
        await using var first = await Clients.ConnectAsync(server);
        await using var second = await Clients.ConnectAsync(server);
        var a = await first.MountAsync("Throttled");
        var b = await second.MountAsync("Throttled");
        await a.InvokeAsync("shout");
        await a.InvokeAsync("shout");

        await Assert.ThrowsAsync<LiveErrorException>(() => a.InvokeAsync("shout"));
        await b.InvokeAsync("shout");

        Assert.Equal(1, b.State["shouts"]!.GetValue<int>());
    }
}
