using System.Net;
using Live.LoadTest.Baseline;
using Live.LoadTest.Measurement;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Live.LoadTest.Hosting;

/// <summary>
/// Kestrel on a loopback port serving either Live (<c>/live</c>) or the SignalR baseline (<c>/hub</c>), with the same
/// limits, logging and byte counting, so the two differ only in the framework under test.
/// </summary>
public sealed class BenchServer : IAsyncDisposable
{
    public const string LivePath = "/live";
    public const string HubPath = "/hub";
    public const string RawPath = "/raw";

    // Long enough that an idle connection in the `idle` scenario is never closed for silence while being measured.
    private static readonly TimeSpan ClientTimeout = TimeSpan.FromMinutes(10);

    private readonly WebApplication app;

    private BenchServer(WebApplication app, ServerKind kind, Uri baseUri, ByteCounter bytes)
    {
        this.app = app;
        Kind = kind;
        BaseUri = baseUri;
        Bytes = bytes;
    }

    public ServerKind Kind { get; }

    public Uri BaseUri { get; }

    public Uri EndpointUri => new($"ws://{BaseUri.Authority}{(Kind is ServerKind.Live or ServerKind.LiveDirect ? LivePath : HubPath)}");

    public Uri HubUri => new($"http://{BaseUri.Authority}{HubPath}");

    public ByteCounter Bytes { get; }

    public IServiceProvider Services => app.Services;

    public static async Task<BenchServer> StartAsync(ServerKind kind, bool countBytes = true)
    {
        var bytes = new ByteCounter();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.Logging.ClearProviders();
        builder.Logging.AddFilter(_ => false);
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0, listen =>
        {
            listen.Use(next => !countBytes ? next : async connection =>
            {
                var transport = connection.Transport;
                connection.Transport = new CountingDuplexPipe(transport, bytes);
                try
                {
                    await next(connection);
                }
                finally
                {
                    connection.Transport = transport;
                }
            });
            if (kind == ServerKind.LiveDirect)
            {
                listen.UseLive(); // after the byte counter, so it counts these connections too
            }
        }));
        // Production, like a real deployment, so state tokens need a key: a bench-only one from configuration.
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Live:Signing:Keys:0:Id"] = "bench",
            ["Live:Signing:Keys:0:Secret"] = "YmVuY2gtb25seS1zaWduaW5nLWtleS1ub3QtYS1zZWNyZXQtMDAwMQ==",
        });
        builder.Services.AddSingleton<ServerTimer>();
        builder.Services.AddSingleton(bytes);
        if (kind is ServerKind.Live or ServerKind.LiveDirect)
        {
            builder.Services.AddLive(o =>
            {
                o.ClientTimeout = ClientTimeout;

                // Scenarios connect thousands of clients before their first request.
                o.HandshakeTimeout = ClientTimeout;

                // A closed-loop client sends far more than an interactive one; SignalR has no inbound limit either.
                o.Limits.InboundFramesPerSecond = 1_000_000;
                o.Limits.InboundFrameBurst = 1_000_000;

                // The broadcast scenario puts every connection (up to tens of thousands) in one room.
                o.Rooms.MaxMembers = 1_000_000;
            });
        }
        else if (kind == ServerKind.SignalR)
        {
            builder.Services.AddSignalR(o =>
            {
                o.ClientTimeoutInterval = ClientTimeout;
                o.MaximumReceiveMessageSize = 64 * 1024; // Live's default frame limit.
            });
        }

        var app = builder.Build();
        if (kind is ServerKind.Live or ServerKind.LiveDirect)
        {
            app.MapLive(LivePath);
        }
        else if (kind == ServerKind.SignalR)
        {
            app.MapHub<BenchHub>(HubPath, o => o.Transports = HttpTransportType.WebSockets);
        }
        else
        {
            app.UseWebSockets();
            app.Map(RawPath, RawWebSocket.HandleAsync);
        }

        app.MapGet("/bench/memory", MemoryReport.Handle);
        app.MapGet(ServerStats.Path, ServerStats.Handle);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new BenchServer(app, kind, new Uri(address), bytes);
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        try
        {
            await app.StopAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // Connections still draining: disposing aborts them.
        }

        await app.DisposeAsync();
    }
}