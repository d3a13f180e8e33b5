using System.Net;
using System.Text.Json;
using Live.Hosting;
using Live.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Live.IntegrationTests;

/// <summary>The stats endpoint (<c>MapLiveStats</c>) and the health check registered by <c>AddLive()</c>.</summary>
public sealed class MetricsEndpointTests
{
    [Fact]
    public async Task Stats_refuse_an_anonymous_caller_with_401()
    {
        await using var server = await StartAsync();
        using var http = new HttpClient { BaseAddress = server.BaseUri };

        var response = await http.GetAsync(new Uri("/live/stats", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Stats_refuse_a_signed_in_caller_outside_the_policy_with_403()
    {
        await using var server = await StartAsync();
        using var http = Http(server, user: "bob", role: "user");

        var response = await http.GetAsync(new Uri("/live/stats", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Stats_show_connections_instances_and_action_timings_to_an_authorized_caller()
    {
        await using var server = await StartAsync();
        using var metrics = new MetricsRecorder(server);
        await using var client = await Clients.ConnectAsync(server);
        var counter = await client.MountAsync("Counter");
        await counter.InvokeAsync("increment");
        await counter.InvokeAsync("increment");
        await client.MountAsync("SharedBoard");
        using var http = Http(server, user: "alice", role: "ops");
        await metrics.WaitForSumAsync("live.actions", 2, ("live.action", "increment"));

        var response = await http.GetAsync(new Uri("/live/stats", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var stats = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(1, stats.GetProperty("connections").GetInt32());
        Assert.Equal(2, stats.GetProperty("instances").GetInt32());
        Assert.Equal(1, stats.GetProperty("singletons").GetInt32());
        var increment = Action(stats, "Counter", "increment");
        Assert.Equal(2, increment.GetProperty("count").GetInt64());
        Assert.Equal(0, increment.GetProperty("errors").GetInt64());
        Assert.True(increment.GetProperty("maxMs").GetDouble() >= increment.GetProperty("meanMs").GetDouble());
        Assert.Equal(0, Action(stats, "Counter", "add").GetProperty("count").GetInt64());
        var board = Component(stats, "SharedBoard");
        Assert.True(board.GetProperty("singleton").GetBoolean());
        Assert.Equal(1, board.GetProperty("mounts").GetInt32());
    }

    [Fact]
    public async Task Health_is_healthy_while_running_and_unhealthy_once_shutting_down()
    {
        await using var server = await StartAsync();
        using var http = new HttpClient { BaseAddress = server.BaseUri };

        var running = await http.GetAsync(new Uri("/health", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, running.StatusCode);
        Assert.Equal("Healthy", await running.Content.ReadAsStringAsync());

        await server.Services.GetRequiredService<LiveRuntime>().ShutdownAsync();
        var stopping = await http.GetAsync(new Uri("/health", UriKind.Relative));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, stopping.StatusCode);
        Assert.Equal("Unhealthy", await stopping.Content.ReadAsStringAsync());
    }

    // LiveServer signs requests in from the X-Test-User header (HeaderAuthentication).
    private static Task<LiveServer> StartAsync() => LiveServer.StartAsync(
        services: s => s.AddAuthorization(o => o.AddPolicy(LiveStatsEndpointRouteBuilderExtensions.DefaultPolicyName, p => p.RequireRole("ops"))),
        pipeline: app =>
        {
            app.UseAuthorization();
            app.MapLiveStats();
            app.MapHealthChecks("/health");
        });

    private static HttpClient Http(LiveServer server, string user, string role)
    {
        var http = new HttpClient { BaseAddress = server.BaseUri };
        http.DefaultRequestHeaders.Add(HeaderAuthentication.Header, $"{user};{role}");
        return http;
    }

    private static JsonElement Component(JsonElement stats, string name) =>
        stats.GetProperty("components").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);

    private static JsonElement Action(JsonElement stats, string component, string action) =>
        Component(stats, component).GetProperty("actions").EnumerateArray().Single(a => a.GetProperty("name").GetString() == action);
}
