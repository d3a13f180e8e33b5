using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Live.IntegrationTests.Infrastructure;

/// <summary>A real Kestrel server on a loopback port hosting Live, for one test.</summary>
public sealed class LiveServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private System.Collections.Concurrent.ConcurrentQueue<Microsoft.AspNetCore.Http.HttpContext> upgrades = new();
    private System.Runtime.CompilerServices.StrongBox<int> httpRequests = new();

    private LiveServer(WebApplication app, Uri baseUri)
    {
        this.app = app;
        BaseUri = baseUri;
    }

    public Uri BaseUri { get; }

    public Uri LiveUri => new($"ws://{BaseUri.Authority}/live");

    public IServiceProvider Services => app.Services;

    public CapturingLoggerProvider Logs { get; private init; } = new();

    /// <summary>Requests that went through the app's HTTP middleware (an upgrade taken at the connection level does not).</summary>
    public int HttpRequests => Volatile.Read(ref httpRequests.Value);

    /// <summary>The signing key every test server gets from configuration unless told otherwise (test-only secret).</summary>
    public static readonly IReadOnlyDictionary<string, string?> TestSigningKey = new Dictionary<string, string?>
    {
        ["Live:Signing:Keys:0:Id"] = "test-1",
        ["Live:Signing:Keys:0:Secret"] = "dGVzdC1vbmx5LXNpZ25pbmcta2V5LW5vdC1hLXNlY3JldC0wMDAx",
    };

    public static async Task<LiveServer> StartAsync(
        Action<LiveOptions>? configure = null,
        Action<IServiceCollection>? services = null,
        Action<WebApplication>? pipeline = null,
        string environment = "Development",
        IReadOnlyDictionary<string, string?>? configuration = null,
        Action<IEndpointConventionBuilder>? endpoint = null,
        bool registerTestPolicies = true,
        bool withSigningKey = true,
        int port = 0,
        bool direct = false)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment });
        if (withSigningKey)
        {
            builder.Configuration.AddInMemoryCollection(TestSigningKey);
        }

        if (configuration is not null)
        {
            builder.Configuration.AddInMemoryCollection(configuration);
        }

        if (direct)
        {
            // Live upgrades taken at the connection level (ListenOptions.UseLive()); other requests go to HTTP.
            builder.WebHost.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, port, l => l.UseLive()));
        }
        else
        {
            builder.WebHost.UseKestrel().UseUrls($"http://127.0.0.1:{port}");
        }

        var logs = new CapturingLoggerProvider();
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Debug);
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.Logging.AddProvider(logs);
        builder.Services.AddLive(configure);
        builder.Services.AddAuthentication(HeaderAuthentication.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, HeaderAuthentication>(HeaderAuthentication.SchemeName, null);
        if (registerTestPolicies)
        {
            builder.Services.AddAuthorization(TestPolicies.AddTo);
        }

        builder.Services.AddSingleton<Components.HookLog>();
        builder.Services.AddSingleton<Components.ExternalEvents>();
        builder.Services.AddSingleton<Components.GateKeeper>();
        services?.Invoke(builder.Services);
        var app = builder.Build();
        var upgrades = new System.Collections.Concurrent.ConcurrentQueue<Microsoft.AspNetCore.Http.HttpContext>();
        var httpRequests = new System.Runtime.CompilerServices.StrongBox<int>();
        app.Use((context, next) =>
        {
            Interlocked.Increment(ref httpRequests.Value);
            upgrades.Enqueue(context);
            return next(context);
        });
        pipeline?.Invoke(app);
        var live = app.MapLive("/live");
        endpoint?.Invoke(live);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new LiveServer(app, new Uri(address)) { Logs = logs, upgrades = upgrades, httpRequests = httpRequests };
    }

    /// <summary>
    /// Drops every connection made so far the hard way: the server aborts the TCP connection, no close handshake
    /// (a network blip as the server sees it).
    /// </summary>
    /// <summary>Lets the connections opened so far survive the next <see cref="DropConnections"/> (which then drops only later ones).</summary>
    public void SpareConnections() => upgrades.Clear();

    public void DropConnections()
    {
        while (upgrades.TryDequeue(out var context))
        {
            context.Abort();
        }
    }

    public Task StopAsync() => app.StopAsync();

    public async ValueTask DisposeAsync()
    {
        try
        {
            await app.StopAsync();
        }
        finally
        {
            await app.DisposeAsync();
        }
    }
}
