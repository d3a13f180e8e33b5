using System.Net;
using System.Net.WebSockets;
using Live.Client;
using Live.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Builder;

namespace Live.IntegrationTests;

/// <summary>The upgrade runs the app's ASP.NET Core authentication; components see the connection's user.</summary>
public sealed class AuthenticationTests
{
    [Fact]
    public async Task A_jwt_in_the_access_token_query_parameter_authenticates_the_connection()
    {
        await using var server = await AuthServer.StartAsync();
        await using var client = await LiveConnection.ConnectAsync(AuthServer.WithToken(server, AuthServer.Token("alice")));

        var who = await client.MountAsync("WhoAmI");

        Assert.Equal("alice", who.State["mountedAs"]!.GetValue<string>());
        Assert.Equal("alice", (await who.InvokeAsync<string>("who"))!);
    }

    [Fact]
    public async Task A_jwt_in_the_authorization_header_authenticates_the_connection()
    {
        await using var server = await AuthServer.StartAsync();
        var token = AuthServer.Token("bob");
        await using var client = await Clients.ConnectAsync(server, o => o.ConfigureWebSocket = ws => ws.SetRequestHeader("Authorization", "Bearer " + token));

        var who = await client.MountAsync("WhoAmI");

        Assert.Equal("bob", await who.InvokeAsync<string>("who"));
    }

    [Fact]
    public async Task A_cookie_authenticates_the_connection()
    {
        await using var server = await AuthServer.StartAsync(defaultScheme: AuthServer.Cookies);
        var cookie = await AuthServer.CookieAsync(server, "carol");
        await using var client = await Clients.ConnectAsync(server, o => o.ConfigureWebSocket = ws => ws.SetRequestHeader("Cookie", cookie));

        var who = await client.MountAsync("WhoAmI");

        Assert.Equal("carol", who.State["mountedAs"]!.GetValue<string>());
    }

    [Fact]
    public async Task Listed_schemes_are_tried_in_order_so_cookies_and_bearer_tokens_both_work()
    {
        await using var server = await AuthServer.StartAsync(
            defaultScheme: AuthServer.Cookies,
            configure: o =>
            {
                o.Authentication.Schemes.Add(AuthServer.Cookies);
                o.Authentication.Schemes.Add(AuthServer.Bearer);
            });
        var cookie = await AuthServer.CookieAsync(server, "carol");
        await using var byCookie = await Clients.ConnectAsync(server, o => o.ConfigureWebSocket = ws => ws.SetRequestHeader("Cookie", cookie));
        await using var byToken = await LiveConnection.ConnectAsync(AuthServer.WithToken(server, AuthServer.Token("alice")));

        Assert.Equal("carol", await (await byCookie.MountAsync("WhoAmI")).InvokeAsync<string>("who"));
        Assert.Equal("alice", await (await byToken.MountAsync("WhoAmI")).InvokeAsync<string>("who"));
    }

    [Fact]
    public async Task A_connection_without_credentials_is_anonymous()
    {
        await using var server = await AuthServer.StartAsync();
        await using var client = await Clients.ConnectAsync(server);

        var who = await client.MountAsync("WhoAmI");

        Assert.Equal("anonymous", who.State["mountedAs"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_token_that_fails_validation_leaves_the_upgrade_anonymous(bool expired)
    {
        await using var server = await AuthServer.StartAsync();
        var token = expired ? AuthServer.Token("alice", lifetime: TimeSpan.FromMinutes(-5)) : AuthServer.Token("alice", wrongKey: true);
        await using var client = await LiveConnection.ConnectAsync(AuthServer.WithToken(server, token));

        Assert.Equal("anonymous", await (await client.MountAsync("WhoAmI")).InvokeAsync<string>("who"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)] // ListenOptions.UseLive(): the upgrade is taken at the connection level, the policy still applies
    public async Task RequireAuthorization_on_MapLive_refuses_an_anonymous_upgrade_and_accepts_a_query_token(bool direct)
    {
        await using var server = await AuthServer.StartAsync(endpoint: e => e.RequireAuthorization(), direct: direct);
        using var anonymous = new ClientWebSocket();
        anonymous.Options.CollectHttpResponseDetails = true;
        anonymous.Options.AddSubProtocol("live.v1");

        await Assert.ThrowsAsync<WebSocketException>(() => anonymous.ConnectAsync(server.LiveUri, CancellationToken.None));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.HttpStatusCode);

        // The query token reaches the authorization middleware too, not only Live's own endpoint.
        await using var client = await LiveConnection.ConnectAsync(AuthServer.WithToken(server, AuthServer.Token("alice")));
        Assert.Equal("alice", await (await client.MountAsync("WhoAmI")).InvokeAsync<string>("who"));
        Assert.Equal(direct, server.HttpRequests == 0); // the connection-level path bypasses the HTTP middleware
    }

    [Fact]
    public async Task With_AccessTokenFromQuery_off_a_query_token_is_ignored()
    {
        await using var server = await AuthServer.StartAsync(configure: o => o.Authentication.AccessTokenFromQuery = false);
        await using var client = await LiveConnection.ConnectAsync(AuthServer.WithToken(server, AuthServer.Token("alice")));

        Assert.Equal("anonymous", await (await client.MountAsync("WhoAmI")).InvokeAsync<string>("who"));
    }

    [Fact]
    public async Task A_query_token_on_a_request_that_is_not_a_live_upgrade_is_not_turned_into_a_header()
    {
        await using var server = await AuthServer.StartAsync(endpoint: e => e.RequireAuthorization());
        using var http = new HttpClient();

        var response = await http.GetAsync(new Uri($"{server.BaseUri}live?access_token={AuthServer.Token("alice")}"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task User_fields_sent_by_the_client_change_nothing()
    {
        await using var server = await AuthServer.StartAsync();
        await using var anonymous = await Clients.ConnectAsync(server);
        await using var bob = await LiveConnection.ConnectAsync(AuthServer.WithToken(server, AuthServer.Token("bob")));

        foreach (var (client, expected) in new[] { (anonymous, "anonymous"), (bob, "bob") })
        {
            var mounted = await client.SendRawRequestAsync(
                """{"type":"mount","id":"m1","component":"WhoAmI","user":"alice","userId":"alice","sub":"alice","claims":[{"type":"role","value":"admin"}],"props":{"user":"alice","userId":"alice"}}""",
                "m1");
            Assert.Equal(expected, mounted.GetProperty("state").GetProperty("mountedAs").GetString());
            var instance = mounted.GetProperty("instance").GetString();

            var who = await client.SendRawRequestAsync(
                $$$"""{"type":"action","id":"a1","instance":"{{{instance}}}","action":"who","user":"alice","userId":"alice","principal":{"name":"alice"},"args":{}}""",
                "a1");
            Assert.Equal(expected, who.GetProperty("value").GetString());

            var role = await client.SendRawRequestAsync(
                $$$"""{"type":"action","id":"a2","instance":"{{{instance}}}","action":"claim","role":"admin","args":{"type":"role"}}""",
                "a2");
            Assert.Equal(System.Text.Json.JsonValueKind.Null, role.GetProperty("value").ValueKind);
        }
    }
}
