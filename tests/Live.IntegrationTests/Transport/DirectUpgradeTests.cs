using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using Live.Client;
using Live.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Live.IntegrationTests.Transport;

/// <summary>
/// <c>ListenOptions.UseLive()</c> on a real Kestrel endpoint: plain Live upgrades are answered at the connection level
/// (they never reach the HTTP middleware) with the same checks as <c>MapLive</c>; every other request, and any
/// upgrade that is not plain, is served by Kestrel's HTTP as before.
/// </summary>
public sealed class DirectUpgradeTests
{
    private const string Key = "dGhlIHNhbXBsZSBub25jZQ==";

    [Fact]
    public async Task A_live_client_connects_mounts_and_acts_without_going_through_the_http_middleware()
    {
        await using var server = await LiveServer.StartAsync(direct: true);
        await using var client = await Clients.ConnectAsync(server);

        var counter = await client.MountAsync("Counter");
        await counter.InvokeAsync("increment");

        Assert.Equal(1, counter.State["count"]!.GetValue<int>());
        Assert.Equal(0, server.HttpRequests);
    }

    [Fact]
    public async Task Other_requests_on_the_same_port_are_served_by_http()
    {
        await using var server = await LiveServer.StartAsync(direct: true, pipeline: app => app.MapGet("/hello", () => "hi"));
        using var http = new HttpClient();

        Assert.Equal("hi", await http.GetStringAsync(new Uri(server.BaseUri, "/hello")));
        var notFound = await http.GetAsync(new Uri(server.BaseUri, "/nothing"));

        Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
        Assert.Equal(2, server.HttpRequests);
    }

    [Fact]
    public async Task An_upgrade_that_is_not_plain_goes_through_http_and_is_accepted_there()
    {
        await using var server = await LiveServer.StartAsync(direct: true);

        // A percent-encoded path: Kestrel decodes it to /live, the connection-level reader leaves decoding to Kestrel.
        var response = await RawAsync(server, Handshake(server).Replace("GET /live ", "GET /%6Cive ", StringComparison.Ordinal), untilHeadersOnly: true);

        Assert.StartsWith("HTTP/1.1 101", response, StringComparison.Ordinal);
        Assert.Equal(1, server.HttpRequests);
    }

    [Fact]
    public async Task The_101_carries_the_accept_key_of_rfc_6455_and_the_live_subprotocol()
    {
        await using var server = await LiveServer.StartAsync(direct: true);

        var response = await RawAsync(server, Handshake(server), untilHeadersOnly: true);

        Assert.StartsWith("HTTP/1.1 101 Switching Protocols\r\n", response, StringComparison.Ordinal);
        Assert.Contains("\r\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n", response, StringComparison.Ordinal); // RFC 6455 §1.3's example
        Assert.Contains("\r\nSec-WebSocket-Protocol: live.v1\r\n", response, StringComparison.Ordinal);
        Assert.Equal(0, server.HttpRequests);
    }

    [Fact]
    public async Task An_unknown_subprotocol_is_refused_at_the_connection_level_with_the_same_answer_as_http()
    {
        await using var server = await LiveServer.StartAsync(direct: true);
        using var metrics = new MetricsRecorder(server);
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        socket.Options.AddSubProtocol("live.v9");

        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(server.LiveUri, CancellationToken.None));

        Assert.Equal(HttpStatusCode.BadRequest, socket.HttpStatusCode);
        Assert.Contains("live.v9", Assert.Single(socket.HttpResponseHeaders!["X-Live-Error"]), StringComparison.Ordinal);
        Assert.Equal(1, metrics.Sum("live.connections.refused", ("live.reason", "unsupported_protocol")));
        Assert.Equal(0, server.HttpRequests);
    }

    [Fact]
    public async Task A_refusal_is_a_complete_http_response_and_the_connection_closes()
    {
        await using var server = await LiveServer.StartAsync(direct: true);

        var response = await RawAsync(server, Handshake(server, protocol: "chat"), untilHeadersOnly: false);

        var (head, body) = (response[..response.IndexOf("\r\n\r\n", StringComparison.Ordinal)], response[(response.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..]);
        Assert.StartsWith("HTTP/1.1 400 Bad Request\r\n", head, StringComparison.Ordinal);
        Assert.Contains($"\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}", head, StringComparison.Ordinal);
        Assert.Contains("\r\nConnection: close", head, StringComparison.Ordinal);
        Assert.Contains("unsupported protocol 'chat'", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cross_site_cookie_upgrade_is_refused_at_the_connection_level()
    {
        await using var server = await LiveServer.StartAsync(direct: true);
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        socket.Options.AddSubProtocol("live.v1");
        socket.Options.SetRequestHeader("Origin", "https://evil.example");
        socket.Options.SetRequestHeader("Cookie", "session=abc");

        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(server.LiveUri, CancellationToken.None));

        Assert.Equal(HttpStatusCode.Forbidden, socket.HttpStatusCode);
        Assert.Contains("AllowedOrigins", Assert.Single(socket.HttpResponseHeaders!["X-Live-Error"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_jwt_in_the_query_and_a_cookie_authenticate_a_connection_level_upgrade()
    {
        await using var server = await AuthServer.StartAsync(configure: o =>
        {
            o.Authentication.Schemes.Add(AuthServer.Cookies);
            o.Authentication.Schemes.Add(AuthServer.Bearer);
        }, direct: true);
        var cookie = await AuthServer.CookieAsync(server, "carol");
        var requestsBefore = server.HttpRequests;

        await using (var alice = await LiveConnection.ConnectAsync(AuthServer.WithToken(server, AuthServer.Token("alice"))))
        {
            Assert.Equal("alice", await (await alice.MountAsync("WhoAmI")).InvokeAsync<string>("who"));
        }

        await using var carol = await Clients.ConnectAsync(server, o => o.ConfigureWebSocket = ws => ws.SetRequestHeader("Cookie", cookie));
        Assert.Equal("carol", await (await carol.MountAsync("WhoAmI")).InvokeAsync<string>("who"));
        Assert.Equal(requestsBefore, server.HttpRequests);
    }

    [Fact]
    public async Task A_policy_the_user_fails_is_forbidden_at_the_connection_level()
    {
        await using var server = await AuthServer.StartAsync(endpoint: e => e.RequireAuthorization(p => p.RequireClaim("role", "admin")), direct: true);
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        socket.Options.AddSubProtocol("live.v1");

        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(AuthServer.WithToken(server, AuthServer.Token("bob")), CancellationToken.None));

        Assert.Equal(HttpStatusCode.Forbidden, socket.HttpStatusCode);
    }

    [Fact]
    public async Task A_handshake_whose_headers_never_end_is_closed_after_kestrels_header_timeout()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await AuthServer.StartAsync(time: time, direct: true);
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, server.BaseUri.Port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes("GET /live HTTP/1.1\r\nHost: a\r\n"));
        var read = stream.ReadAsync(new byte[64]).AsTask();

        // Once the middleware has read the partial request its deadline is armed; then the header timeout passes.
        await server.Logs.WaitForAsync(e => e.Message.Contains("waiting for the rest of its headers", StringComparison.Ordinal));
        time.Advance(TimeSpan.FromSeconds(31));

        var closed = await Task.WhenAny(read, Task.Delay(Clients.Wait));
        Assert.Same(read, closed); // the server closed the connection
        Assert.True(read.IsFaulted || await read == 0);
        Assert.Contains(server.Logs.Entries, e => e.Message.Contains("did not arrive in time", StringComparison.Ordinal));
        Assert.Equal(0, server.HttpRequests);
    }

    [Fact]
    public async Task An_oversized_handshake_falls_back_to_kestrel_which_refuses_it()
    {
        await using var server = await LiveServer.StartAsync(direct: true);

        var response = await RawAsync(server, Handshake(server, extra: "X-Big: " + new string('a', 40_000) + "\r\n"), untilHeadersOnly: true);

        Assert.StartsWith("HTTP/1.1 431", response, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Garbage_on_the_port_gets_kestrels_bad_request()
    {
        await using var server = await LiveServer.StartAsync(direct: true);

        var response = await RawAsync(server, "GET /live\u0000\r\n\r\n", untilHeadersOnly: true);

        Assert.StartsWith("HTTP/1.1 400", response, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_upgrade_after_an_http_request_on_a_kept_alive_connection_is_served_by_http()
    {
        await using var server = await LiveServer.StartAsync(direct: true, pipeline: app => app.MapGet("/hello", () => "hi"));
        var first = $"GET /hello HTTP/1.1\r\nHost: {server.BaseUri.Authority}\r\n\r\n";

        var response = await RawAsync(server, first + Handshake(server), untilHeadersOnly: false, until: "101 Switching");

        Assert.Contains("HTTP/1.1 101 Switching Protocols", response, StringComparison.Ordinal);
        Assert.Equal(2, server.HttpRequests);
    }

    private static string Handshake(LiveServer server, string protocol = "live.v1", string extra = "") =>
        $"GET /live HTTP/1.1\r\nHost: {server.BaseUri.Authority}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
        $"Sec-WebSocket-Key: {Key}\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: {protocol}\r\n{extra}\r\n";

    /// <summary>Sends raw bytes; reads until the end of the headers (or <paramref name="until"/>), or until the server closes.</summary>
    private static async Task<string> RawAsync(LiveServer server, string request, bool untilHeadersOnly, string? until = null)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, server.BaseUri.Port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.Latin1.GetBytes(request));
        using var timeout = new CancellationTokenSource(Clients.Wait);
        var received = new StringBuilder();
        var buffer = new byte[4096];
        while (true)
        {
            int read;
            try
            {
                read = await stream.ReadAsync(buffer, timeout.Token);
            }
            catch (IOException)
            {
                break; // reset after the answer
            }

            if (read == 0)
            {
                break;
            }

            received.Append(Encoding.Latin1.GetString(buffer, 0, read));
            var text = received.ToString();
            if ((until is not null && text.Contains(until, StringComparison.Ordinal) && text.IndexOf("\r\n\r\n", text.IndexOf(until, StringComparison.Ordinal), StringComparison.Ordinal) > 0)
                || (until is null && untilHeadersOnly && text.Contains("\r\n\r\n", StringComparison.Ordinal)))
            {
                break;
            }
        }

        return received.ToString();
    }
}
