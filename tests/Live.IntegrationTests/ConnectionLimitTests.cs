using System.Net;
using System.Net.WebSockets;
using Live.Client;
using Live.IntegrationTests.Components;
using Live.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Live.IntegrationTests;

/// <summary>Connections per user, the handshake timeout, and requests in progress per connection.</summary>
public sealed class ConnectionLimitTests
{
    [Fact]
    public async Task An_upgrade_past_MaxConnectionsPerUser_is_refused_with_429_until_one_closes()
    {
        await using var server = await AuthServer.StartAsync(configure: o => o.Limits.MaxConnectionsPerUser = 2);
        using var metrics = new MetricsRecorder(server);
        var alice = AuthServer.WithToken(server, AuthServer.Token("alice"));
        await using var first = await LiveConnection.ConnectAsync(alice);
        await using var second = await LiveConnection.ConnectAsync(alice);

        var refused = await Assert.ThrowsAsync<LiveConnectException>(() => LiveConnection.ConnectAsync(alice));
        Assert.Equal(429, (int)refused.StatusCode!);
        Assert.Contains("MaxConnectionsPerUser", refused.Message, StringComparison.Ordinal);
        Assert.Equal(1, metrics.Sum("live.connections.refused", ("live.reason", "user_connection_limit")));

        // Other users and anonymous connections are not affected.
        await using var bob = await LiveConnection.ConnectAsync(AuthServer.WithToken(server, AuthServer.Token("bob")));
        await using var anonymous1 = await Clients.ConnectAsync(server);
        await using var anonymous2 = await Clients.ConnectAsync(server);
        await using var anonymous3 = await Clients.ConnectAsync(server);

        await first.CloseAsync();
        // The slot is released before the connection stops counting as active.
        await metrics.WaitUntilAsync(all => MetricsRecorder.Sum(all, "live.connections.active") == 5);
        await using var third = await LiveConnection.ConnectAsync(alice);
        Assert.True(third.IsConnected);
    }

    [Fact]
    public async Task Connections_per_user_are_not_limited_by_default()
    {
        await using var server = await AuthServer.StartAsync();
        var alice = AuthServer.WithToken(server, AuthServer.Token("alice"));
        var connections = new List<LiveConnection>();
        try
        {
            for (var i = 0; i < 20; i++)
            {
                connections.Add(await LiveConnection.ConnectAsync(alice));
            }

            Assert.All(connections, c => Assert.True(c.IsConnected));
        }
        finally
        {
            foreach (var c in connections)
            {
                await c.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task A_connection_that_sends_no_request_within_the_handshake_timeout_is_closed_with_4002()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await LiveServer.StartAsync(
            o =>
            {
                o.HandshakeTimeout = TimeSpan.FromSeconds(10);
                o.ClientTimeout = TimeSpan.FromDays(1);
            },
            s => s.AddSingleton<TimeProvider>(time));
        await using var idle = await Clients.ConnectAsync(server, o => o.HeartbeatInterval = Timeout.InfiniteTimeSpan);
        await using var busy = await Clients.ConnectAsync(server, o => o.HeartbeatInterval = Timeout.InfiniteTimeSpan);
        await busy.MountAsync("Counter");

        // Pings do not count as a first request.
        await idle.PingAsync();
        time.Advance(TimeSpan.FromSeconds(11));

        var closed = await idle.Completion.WaitAsync(Clients.Wait);
        Assert.Equal(4002, (int)closed.Status!);
        Assert.Contains("Handshake timeout", closed.Description, StringComparison.Ordinal);
        await busy.PingAsync();
        Assert.True(busy.IsConnected);
    }

    [Fact]
    public async Task Requests_in_progress_past_the_limit_answer_server_busy_and_the_others_complete()
    {
        await using var server = await LiveServer.StartAsync(o => o.Limits.MaxPendingRequestsPerConnection = 2);
        var keeper = server.Services.GetRequiredService<GateKeeper>();
        await using var client = await Clients.ConnectAsync(server);
        var gate = await client.MountAsync("Gate");

        var first = gate.InvokeAsync("passAsync");
        await keeper.HasEntered.WaitAsync(Clients.Wait);
        var second = gate.InvokeAsync("passAsync"); // queued behind the first on the instance: in progress too

        var busy = await client.SendRawRequestAsync($$"""{"type":"action","id":"third","instance":"{{gate.InstanceId}}","action":"passAsync"}""", "third");
        Assert.Equal("server_busy", busy.GetProperty("code").GetString());
        Assert.Equal("third", busy.GetProperty("id").GetString());

        keeper.Open();
        await Task.WhenAll(first, second).WaitAsync(Clients.Wait);
        await gate.WaitForStateAsync(s => s["passed"]!.GetValue<int>() == 2, Clients.Wait);
    }
}
