using System.Diagnostics;
using System.Net.WebSockets;
using System.Text.Json;
using Live.IntegrationTests.Infrastructure;

namespace Live.IntegrationTests;

public sealed class RateLimitTests
{
    [Fact]
    public async Task Frames_over_the_rate_limit_answer_rate_limited_with_their_id_and_when_to_retry()
    {
        await using var server = await LiveServer.StartAsync(o =>
        {
            o.Limits.InboundFramesPerSecond = 10;
            o.Limits.InboundFrameBurst = 5;
        });
        await using var client = await Clients.ConnectAsync(server, o => o.HeartbeatInterval = Timeout.InfiniteTimeSpan);
        var limited = new List<JsonElement>();
        var gotSome = new TaskCompletionSource();
        client.MessageReceived += m =>
        {
            if (m.TryGetProperty("code", out var code) && code.GetString() == "rate_limited")
            {
                lock (limited)
                {
                    limited.Add(m.Clone());
                    if (limited.Count >= 5)
                    {
                        gotSome.TrySetResult();
                    }
                }
            }
        };

        for (var i = 0; i < 20; i++)
        {
            await client.SendRawTextAsync($$"""{"type":"mount","id":"burst-{{i}}","component":"Nope"}""");
        }

        await gotSome.Task.WaitAsync(Clients.Wait);
        JsonElement first;
        lock (limited)
        {
            first = limited[0];
        }

        Assert.StartsWith("burst-", first.GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.True(first.GetProperty("retryAfterMs").GetInt32() > 0);
        Assert.Contains("10 per second", first.GetProperty("message").GetString(), StringComparison.Ordinal);

        // Doing what the error says — waiting retryAfterMs — gets the same connection served again.
        Live.Client.LiveComponentHandle? counter = null;
        for (var attempt = 0; counter is null && attempt < 50; attempt++)
        {
            try
            {
                counter = await client.MountAsync("Counter");
            }
            catch (Live.Client.LiveErrorException error) when (error.Code == "rate_limited")
            {
                await Task.Delay(first.GetProperty("retryAfterMs").GetInt32());
            }
        }

        Assert.NotNull(counter);
        Assert.Equal(0, counter.Version);
    }

    [Fact]
    public async Task Sustained_abuse_closes_the_connection_with_4008()
    {
        await using var server = await LiveServer.StartAsync(o =>
        {
            o.Limits.InboundFramesPerSecond = 5;
            o.Limits.InboundFrameBurst = 5;
            o.Limits.MaxConsecutiveRateLimitedFrames = 20;
        });
        await using var client = await Clients.ConnectAsync(server, o => o.HeartbeatInterval = Timeout.InfiniteTimeSpan);

        for (var i = 0; i < 40 && !client.Completion.IsCompleted; i++)
        {
            try
            {
                await client.SendRawTextAsync("""{"type":"ping"}""");
            }
            catch (Exception ex) when (ex is WebSocketException or InvalidOperationException or ObjectDisposedException or Live.Client.LiveConnectionClosedException)
            {
                break;
            }
        }

        var closed = await client.Completion.WaitAsync(Clients.Wait);
        Assert.Equal(4008, (int)closed.Status!);
        Assert.Contains("Rate limit exceeded", closed.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_flooding_connection_does_not_hold_up_other_connections()
    {
        await using var server = await LiveServer.StartAsync(o =>
        {
            o.Limits.InboundFramesPerSecond = 50;
            o.Limits.InboundFrameBurst = 50;
            o.Limits.MaxConsecutiveRateLimitedFrames = 1_000_000;
        });
        await using var flooder = await Clients.ConnectAsync(server, o => o.HeartbeatInterval = Timeout.InfiniteTimeSpan);
        await using var neighbour = await Clients.ConnectAsync(server);
        var counter = await neighbour.MountAsync("Counter");
        using var stop = new CancellationTokenSource();
        var flood = Task.Run(async () =>
        {
            var i = 0;
            while (!stop.IsCancellationRequested)
            {
                await flooder.SendRawTextAsync($$"""{"type":"mount","id":"f{{i++}}","component":"Nope"}""");
            }
        });

        // A liveness check, not a benchmark: every action of the neighbour is answered promptly during the flood.
        var slowest = TimeSpan.Zero;
        for (var i = 0; i < 20; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await counter.InvokeAsync("increment").WaitAsync(TimeSpan.FromSeconds(5));
            var took = Stopwatch.GetElapsedTime(started);
            slowest = took > slowest ? took : slowest;
        }

        await stop.CancelAsync();
        await flood;
        Assert.Equal(20, counter.State["count"]!.GetValue<int>());
        Assert.True(slowest < TimeSpan.FromSeconds(2), $"slowest neighbour action took {slowest.TotalMilliseconds:0} ms");
    }
}
