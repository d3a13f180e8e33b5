using Live.Client;
using Live.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Live.IntegrationTests;

/// <summary><c>refresh</c> hands a fresh token to an open connection; expiry without one closes it with 4401.</summary>
public sealed class RefreshTests
{
    [Fact]
    public async Task Refresh_with_a_valid_token_for_the_same_user_answers_refreshed_and_updates_the_user()
    {
        await using var server = await AuthServer.StartAsync();
        await using var client = await LiveConnection.ConnectAsync(AuthServer.WithToken(server, AuthServer.Token("alice", claims: new Dictionary<string, object> { ["generation"] = "1" })));
        var who = await client.MountAsync("WhoAmI");
        Assert.Equal("1", await who.InvokeAsync<string>("claim", new { type = "generation" }));

        var fresh = AuthServer.Token("alice", TimeSpan.FromHours(2), claims: new Dictionary<string, object> { ["generation"] = "2" });
        var expiresAt = await client.RefreshAsync(fresh);

        Assert.NotNull(expiresAt);
        Assert.InRange(expiresAt.Value - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(115), TimeSpan.FromMinutes(121));
        Assert.Equal("2", await who.InvokeAsync<string>("claim", new { type = "generation" }));
        Assert.True(client.IsConnected);
    }

    [Fact]
    public async Task Back_to_back_refreshes_are_each_answered_and_applied_in_order()
    {
        await using var server = await AuthServer.StartAsync();
        await using var client = await LiveConnection.ConnectAsync(AuthServer.WithToken(server, AuthServer.Token("alice")));
        var who = await client.MountAsync("WhoAmI");

        var first = client.RefreshAsync(AuthServer.Token("alice", claims: new Dictionary<string, object> { ["generation"] = "a" }));
        var second = client.RefreshAsync(AuthServer.Token("alice", claims: new Dictionary<string, object> { ["generation"] = "b" }));
        await Task.WhenAll(first, second).WaitAsync(Clients.Wait);

        Assert.Equal("b", await who.InvokeAsync<string>("claim", new { type = "generation" }));
    }

    public static TheoryData<string, string> RefusedTokens => new()
    {
        { "invalid", "invalid or expired" },
        { "expired", "invalid or expired" },
        { "other-user", "another user" },
    };

    [Theory]
    [MemberData(nameof(RefusedTokens))]
    public async Task Refresh_with_a_refused_token_closes_the_connection_with_4401(string kind, string reason)
    {
        await using var server = await AuthServer.StartAsync(environment: "Production");
        await using var client = await LiveConnection.ConnectAsync(AuthServer.WithToken(server, AuthServer.Token("alice")));
        var who = await client.MountAsync("WhoAmI");
        var token = kind switch
        {
            "invalid" => AuthServer.Token("alice", wrongKey: true),
            "expired" => AuthServer.Token("alice", lifetime: TimeSpan.FromMinutes(-1)),
            _ => AuthServer.Token("mallory"),
        };

        await Assert.ThrowsAsync<LiveConnectionClosedException>(() => client.RefreshAsync(token));

        var closed = await client.Completion.WaitAsync(Clients.Wait);
        Assert.Equal(4401, (int)closed.Status!);
        Assert.Contains(reason, closed.Description, StringComparison.Ordinal);
        await server.Logs.WaitForAsync(e => e.EventId.Id == 50);
    }

    [Fact]
    public async Task In_development_the_close_reason_says_why_the_token_was_refused()
    {
        await using var server = await AuthServer.StartAsync();
        await using var client = await LiveConnection.ConnectAsync(AuthServer.WithToken(server, AuthServer.Token("alice")));

        await Assert.ThrowsAsync<LiveConnectionClosedException>(() => client.RefreshAsync(AuthServer.Token("alice", lifetime: TimeSpan.FromMinutes(-1))));

        var closed = await client.Completion.WaitAsync(Clients.Wait);
        Assert.Equal(4401, (int)closed.Status!);
        Assert.Contains("IDX10223", closed.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refresh_on_an_anonymous_connection_closes_with_4401()
    {
        await using var server = await AuthServer.StartAsync();
        await using var client = await Clients.ConnectAsync(server);

        await Assert.ThrowsAsync<LiveConnectionClosedException>(() => client.RefreshAsync(AuthServer.Token("alice")));

        var closed = await client.Completion.WaitAsync(Clients.Wait);
        Assert.Equal(4401, (int)closed.Status!);
        Assert.Contains("anonymous", closed.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bearer_token_cannot_refresh_a_cookie_connection()
    {
        await using var server = await AuthServer.StartAsync(defaultScheme: AuthServer.Cookies);
        var cookie = await AuthServer.CookieAsync(server, "alice");
        await using var client = await Clients.ConnectAsync(server, o => o.ConfigureWebSocket = ws => ws.SetRequestHeader("Cookie", cookie));

        await Assert.ThrowsAsync<LiveConnectionClosedException>(() => client.RefreshAsync(AuthServer.Token("alice")));

        Assert.Equal(4401, (int)(await client.Completion.WaitAsync(Clients.Wait)).Status!);
    }

    [Theory]
    [InlineData("""{"type":"refresh","id":"r1"}""", "\"token\" is required")]
    [InlineData("""{"type":"refresh","id":"r1","token":42}""", "\"token\" must be a string")]
    [InlineData("""{"type":"refresh","id":"r1","token":""}""", "\"token\" must be 1 to")]
    [InlineData("""{"type":"refresh","id":"r1","token":null}""", "\"token\" must be a string")]
    public async Task A_malformed_refresh_answers_invalid_request_and_changes_nothing(string frame, string message)
    {
        await using var server = await AuthServer.StartAsync();
        await using var client = await LiveConnection.ConnectAsync(AuthServer.WithToken(server, AuthServer.Token("alice")));
        var who = await client.MountAsync("WhoAmI");

        var answer = await client.SendRawRequestAsync(frame, "r1");

        Assert.Equal("error", answer.GetProperty("type").GetString());
        Assert.Equal("invalid_request", answer.GetProperty("code").GetString());
        Assert.Contains(message, answer.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("alice", await who.InvokeAsync<string>("who"));
    }

    [Fact]
    public async Task An_oversized_refresh_token_answers_invalid_request()
    {
        await using var server = await AuthServer.StartAsync(configure: o => o.Limits.MaxFrameBytes = 64 * 1024);
        await using var client = await LiveConnection.ConnectAsync(AuthServer.WithToken(server, AuthServer.Token("alice")));

        var answer = await client.SendRawRequestAsync($$"""{"type":"refresh","id":"r1","token":"{{new string('a', 20_000)}}"}""", "r1");

        Assert.Equal("invalid_request", answer.GetProperty("code").GetString());
        Assert.True(client.IsConnected);
    }

    [Fact]
    public async Task A_connection_whose_token_expires_without_refresh_is_closed_with_4401()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await AuthServer.StartAsync(configure: LongTimeouts, time: time);
        await using var client = await LiveConnection.ConnectAsync(
            AuthServer.WithToken(server, AuthServer.Token("alice", TimeSpan.FromMinutes(10))),
            new LiveConnectionOptions { HeartbeatInterval = Timeout.InfiniteTimeSpan });
        await client.MountAsync("WhoAmI");

        time.Advance(TimeSpan.FromMinutes(9));
        await client.PingAsync();
        time.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));

        var closed = await client.Completion.WaitAsync(Clients.Wait);
        Assert.Equal(4401, (int)closed.Status!);
        Assert.Contains("expired", closed.Description, StringComparison.Ordinal);
        await server.Logs.WaitForAsync(e => e.EventId.Id == 51);
    }

    [Fact]
    public async Task A_refresh_moves_the_expiry_to_the_new_tokens()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await AuthServer.StartAsync(configure: LongTimeouts, time: time);
        await using var client = await LiveConnection.ConnectAsync(
            AuthServer.WithToken(server, AuthServer.Token("alice", TimeSpan.FromMinutes(10))),
            new LiveConnectionOptions { HeartbeatInterval = Timeout.InfiniteTimeSpan });
        await client.MountAsync("WhoAmI");
        await client.RefreshAsync(AuthServer.Token("alice", TimeSpan.FromMinutes(60)));

        time.Advance(TimeSpan.FromMinutes(30));
        await client.PingAsync();
        Assert.True(client.IsConnected);

        time.Advance(TimeSpan.FromMinutes(31));
        Assert.Equal(4401, (int)(await client.Completion.WaitAsync(Clients.Wait)).Status!);
    }

    [Fact]
    public async Task A_cookie_connection_is_closed_when_its_ticket_expires()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await AuthServer.StartAsync(defaultScheme: AuthServer.Cookies, configure: LongTimeouts, time: time);
        var cookie = await AuthServer.CookieAsync(server, "carol", expiresIn: TimeSpan.FromMinutes(20));
        await using var client = await Clients.ConnectAsync(server, o =>
        {
            o.HeartbeatInterval = Timeout.InfiniteTimeSpan;
            o.ConfigureWebSocket = ws => ws.SetRequestHeader("Cookie", cookie);
        });
        Assert.Equal("carol", await (await client.MountAsync("WhoAmI")).InvokeAsync<string>("who"));

        time.Advance(TimeSpan.FromMinutes(21));

        Assert.Equal(4401, (int)(await client.Completion.WaitAsync(Clients.Wait)).Status!);
    }

    private static void LongTimeouts(LiveOptions o)
    {
        o.ClientTimeout = TimeSpan.FromDays(1);
        o.HandshakeTimeout = TimeSpan.FromDays(1);
    }
}
