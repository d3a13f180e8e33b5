using Live.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Live.IntegrationTests;

/// <summary>
/// A state token is sent only when the client could send it back: a <c>rehydrate</c> carrying it must fit the
/// inbound frame limit. A larger token would be bytes on the wire and nothing else.
/// </summary>
public sealed class TokenSizeTests
{
    private const int FrameLimit = 4096;

    [Fact]
    public async Task A_state_grown_too_large_for_a_returnable_token_gets_no_token_until_it_shrinks_again()
    {
        var time = new FakeTimeProvider();
        await using var server = await LiveServer.StartAsync(
            o => o.Limits.MaxFrameBytes = FrameLimit,
            services: s => s.AddSingleton<TimeProvider>(time));
        await using var client = await Clients.ConnectAsync(server);
        var inbox = Inbox.Of(client);
        var counter = await client.MountAsync("Counter");
        Assert.NotNull(counter.StateToken); // small: the mount carries a token

        // ≈ 3 KB of state: its token (base64 of it plus the envelope) would not fit a 4 KB rehydrate frame.
        await counter.InvokeAsync("renameAsync", new { label = new string('x', 3000) });
        time.Advance(TimeSpan.FromSeconds(3));
        await counter.InvokeAsync("increment");
        time.Advance(TimeSpan.FromSeconds(3));
        await counter.InvokeAsync("increment"); // a round trip: any token queued before it has arrived
        Assert.Empty(inbox.OfType("token"));

        // Small again: the next change gets its token, which a rehydrate frame can carry.
        await counter.InvokeAsync("renameAsync", new { label = "short" });
        time.Advance(TimeSpan.FromSeconds(3)); // the throttle counted the refused attempts: the token trails
        await inbox.WaitForTypeAsync("token");
        var token = Assert.Single(inbox.OfType("token"));
        Assert.Equal(4, token.GetProperty("version").GetInt64());
        Assert.True(token.GetProperty("token").GetString()!.Length < FrameLimit - 1024);
        Assert.Equal("short", TestTokens.Read(token.GetProperty("token").GetString()!)["s"]!["label"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_mount_whose_state_is_too_large_for_a_returnable_token_carries_a_resume_secret_but_no_token()
    {
        await using var server = await LiveServer.StartAsync(o => o.Limits.MaxFrameBytes = 256);
        await using var client = await Clients.ConnectAsync(server);
        var inbox = Inbox.Of(client);

        var counter = await client.MountAsync("Counter");

        var mounted = Assert.Single(inbox.OfType("mounted"));
        Assert.False(mounted.TryGetProperty("token", out _));
        Assert.True(mounted.GetProperty("resume").GetString()!.Length >= 22);
        Assert.Null(counter.StateToken);
    }
}
