using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Live.Client;
using Live.IntegrationTests.Components;
using Live.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Live.IntegrationTests;

public sealed class TransportTests
{
    [Theory]
    [InlineData("live.v9")]
    [InlineData(null)]
    public async Task An_unknown_or_missing_subprotocol_is_refused_with_a_reason(string? subprotocol)
    {
        await using var server = await LiveServer.StartAsync();
        using var metrics = new MetricsRecorder(server);
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        if (subprotocol is not null)
        {
            socket.Options.AddSubProtocol(subprotocol);
        }

        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(server.LiveUri, CancellationToken.None));

        Assert.Equal(HttpStatusCode.BadRequest, socket.HttpStatusCode);
        var reason = Assert.Single(socket.HttpResponseHeaders!["X-Live-Error"]);
        Assert.Contains("live.v1", reason, StringComparison.Ordinal);
        Assert.Equal(1, metrics.Sum("live.connections.refused", ("live.reason", "unsupported_protocol")));
        Assert.Equal(0, metrics.Sum("live.connections.active"));
        if (subprotocol is not null)
        {
            Assert.Contains(subprotocol, reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_client_library_reports_a_refused_upgrade_with_the_servers_reason()
    {
        await using var server = await LiveServer.StartAsync();
        await server.Services.GetRequiredService<Live.Hosting.LiveRuntime>().ShutdownAsync();

        var error = await Assert.ThrowsAsync<LiveConnectException>(() => LiveConnection.ConnectAsync(server.LiveUri));

        Assert.Equal(503, (int)error.StatusCode!);
        Assert.Contains("shutting down", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://evil.example", true, null, false)]
    [InlineData("https://evil.example", false, null, true)]
    [InlineData("https://app.example", true, "https://app.example", true)]
    [InlineData("https://evil.example", true, "*", true)]
    [InlineData(null, true, null, true)]
    public async Task Cookie_carrying_upgrades_from_a_foreign_origin_are_refused_unless_allowed(string? origin, bool withCookie, string? allowed, bool accepted)
    {
        await using var server = await LiveServer.StartAsync(o =>
        {
            if (allowed is not null)
            {
                o.AllowedOrigins.Add(allowed);
            }
        });
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        socket.Options.AddSubProtocol("live.v1");
        if (origin is not null)
        {
            socket.Options.SetRequestHeader("Origin", origin);
        }

        if (withCookie)
        {
            socket.Options.SetRequestHeader("Cookie", "session=abc");
        }

        if (accepted)
        {
            await socket.ConnectAsync(server.LiveUri, CancellationToken.None);
            Assert.Equal(WebSocketState.Open, socket.State);
        }
        else
        {
            await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(server.LiveUri, CancellationToken.None));
            Assert.Equal(HttpStatusCode.Forbidden, socket.HttpStatusCode);
            Assert.Contains("AllowedOrigins", Assert.Single(socket.HttpResponseHeaders!["X-Live-Error"]), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_same_origin_cookie_upgrade_is_accepted()
    {
        await using var server = await LiveServer.StartAsync();
        using var socket = new ClientWebSocket();
        socket.Options.AddSubProtocol("live.v1");
        socket.Options.SetRequestHeader("Origin", $"http://{server.BaseUri.Authority}");
        socket.Options.SetRequestHeader("Cookie", "session=abc");

        await socket.ConnectAsync(server.LiveUri, CancellationToken.None);

        Assert.Equal(WebSocketState.Open, socket.State);
    }

    [Fact]
    public async Task A_plain_http_request_to_the_endpoint_gets_400_saying_what_it_is()
    {
        await using var server = await LiveServer.StartAsync();
        using var http = new HttpClient();

        var response = await http.GetAsync(new Uri(server.BaseUri, "/live"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("WebSocket", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_silent_client_is_closed_after_the_client_timeout_with_code_4000()
    {
        await using var server = await LiveServer.StartAsync(o => o.ClientTimeout = TimeSpan.FromMilliseconds(500));
        using var socket = await RawConnectAsync(server);

        var close = await ReceiveUntilCloseAsync(socket);

        Assert.Equal(4000, (int)close.Status!);
        Assert.Contains("Idle", close.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_client_timeout_counts_from_the_last_frame_received_not_from_the_first()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        await using var server = await LiveServer.StartAsync(
            o =>
            {
                o.ClientTimeout = TimeSpan.FromSeconds(10);
                o.HandshakeTimeout = TimeSpan.FromHours(1);
            },
            services: s => s.AddSingleton<TimeProvider>(time));
        using var socket = await RawConnectAsync(server);

        // A frame at 6 s, then the 10 s mark passes: the connection stays open (the timeout runs from 6 s).
        time.Advance(TimeSpan.FromSeconds(6));
        await SendAsync(socket, """{"type":"ping","id":"1"}""");
        Assert.Equal("pong", (await ReceiveJsonAsync(socket)).GetProperty("type").GetString());
        time.Advance(TimeSpan.FromSeconds(6));
        await SendAsync(socket, """{"type":"ping","id":"2"}""");
        var second = await ReceiveJsonAsync(socket);

        // 9 s after the last frame still open; 10 s of silence after the next one closes with 4000.
        time.Advance(TimeSpan.FromSeconds(9));
        await SendAsync(socket, """{"type":"ping","id":"3"}""");
        var third = await ReceiveJsonAsync(socket);
        time.Advance(TimeSpan.FromSeconds(10));
        var close = await ReceiveUntilCloseAsync(socket);

        Assert.Equal("2", second.GetProperty("id").GetString());
        Assert.Equal("3", third.GetProperty("id").GetString());
        Assert.Equal(4000, (int)close.Status!);
    }

    [Fact]
    public async Task A_client_that_stops_reading_is_closed_at_the_send_queue_bound_with_code_4001()
    {
        await using var server = await LiveServer.StartAsync(o =>
        {
            o.Limits.SendQueueCapacity = 8;
            o.CloseTimeout = TimeSpan.FromSeconds(10);
        });
        using var socket = await RawConnectAsync(server);
        await SendAsync(socket, """{"type":"mount","id":"1","component":"Flood"}""");
        var mounted = await ReceiveJsonAsync(socket);
        var instance = mounted.GetProperty("instance").GetString();

        // 400 patches of 60 KB each is far more than socket buffers plus 8 queued frames; the client reads nothing.
        await SendAsync(socket, $$$"""{"type":"action","id":"2","instance":"{{{instance}}}","action":"blast","args":{"rounds":400,"size":60000}}""");
        await server.Logs.WaitForAsync(e => e.EventId.Id == 22);

        var close = await ReceiveUntilCloseAsync(socket);
        Assert.Equal(4001, (int)close.Status!);
        Assert.Contains("send queue", close.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Graceful_shutdown_closes_connections_with_going_away_and_runs_destroy_hooks()
    {
        var server = await LiveServer.StartAsync();
        var log = server.Services.GetRequiredService<HookLog>();
        await using var client = await Clients.ConnectAsync(server);
        var lifecycle = await client.MountAsync("Lifecycle");
        await client.MountAsync("SharedBoard");

        await server.DisposeAsync();

        var closed = await client.Completion.WaitAsync(Clients.Wait);
        Assert.Equal(1001, (int)closed.Status!);
        Assert.Contains($"lifecycle:disconnect:{lifecycle.InstanceId}:ServerShutdown", log.Entries);
        Assert.Contains($"lifecycle:destroy:{lifecycle.InstanceId}", log.Entries);
        Assert.Contains("board:destroy", log.Entries);
    }

    private static async Task<ClientWebSocket> RawConnectAsync(LiveServer server)
    {
        var socket = new ClientWebSocket();
        socket.Options.AddSubProtocol("live.v1");
        await socket.ConnectAsync(server.LiveUri, CancellationToken.None);
        Assert.Equal("live.v1", socket.SubProtocol);
        return socket;
    }

    private static Task SendAsync(ClientWebSocket socket, string text) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);

    private static async Task<JsonElement> ReceiveJsonAsync(ClientWebSocket socket)
    {
        using var stream = new MemoryStream();
        var buffer = new byte[16 * 1024];
        WebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer, CancellationToken.None).WaitAsync(Clients.Wait);
            stream.Write(buffer, 0, result.Count);
        }
        while (!result.EndOfMessage);

        return JsonDocument.Parse(stream.ToArray()).RootElement.Clone();
    }

    private static async Task<(WebSocketCloseStatus? Status, string? Description)> ReceiveUntilCloseAsync(ClientWebSocket socket)
    {
        var buffer = new byte[64 * 1024];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, timeout.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return (result.CloseStatus, result.CloseStatusDescription);
            }
        }
    }
}
