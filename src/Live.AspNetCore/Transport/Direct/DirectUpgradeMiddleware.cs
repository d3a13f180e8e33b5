using System.IO.Pipelines;
using Live.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Live.AspNetCore.Transport.Direct;

/// <summary>
/// Kestrel connection middleware (<c>ListenOptions.UseLive()</c>): when a new connection's first request is a plain
/// WebSocket upgrade of a <c>MapLive</c> path, it answers the handshake itself and runs the Live connection over the
/// connection's pipes, without Kestrel's HTTP/1.1 request objects (about half of an idle connection's memory). Every
/// other connection goes on to Kestrel's HTTP with its bytes untouched.
/// </summary>
internal sealed partial class DirectUpgradeMiddleware(ConnectionDelegate next, IServiceProvider services)
{
    private readonly Lazy<Setup> setup = new(() => new Setup(services));

    public async Task OnConnectionAsync(ConnectionContext connection)
    {
        // Only the accepted connection is held while it runs: the request, its headers and its HttpContext are not.
        var taken = await TakeUpgradeAsync(connection).ConfigureAwait(false);
        if (taken is null)
        {
            await next(connection).ConfigureAwait(false);
        }
        else if (taken.Connection is { } accepted)
        {
            await accepted.RunAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Reads the first request. <see langword="null"/> when it is not a plain Live upgrade (Kestrel's HTTP gets the
    /// connection); otherwise the upgrade was answered here — accepted, or refused with the refusal written.
    /// </summary>
    private async Task<TakenUpgrade?> TakeUpgradeAsync(ConnectionContext connection)
    {
        var s = setup.Value;
        var input = connection.Transport.Input;
        using var timeout = new CancellationTokenSource(s.Limits.HeadersTimeout, s.Time);
        while (true)
        {
            ReadResult result;
            try
            {
                result = await input.ReadAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested)
            {
                // Kestrel answers a request whose headers take too long with 408 and closes; so do we, minus the 408.
                Log.HandshakeTimedOut(s.Logger, connection.ConnectionId);
                connection.Abort(new ConnectionAbortedException("The upgrade request's headers took too long."));
                return TakenUpgrade.Refused;
            }

            var buffer = result.Buffer;
            var outcome = UpgradeRequestParser.Parse(buffer, s.Limits, s.Endpoints.IsLivePath, out var request, out var consumed);
            if (outcome == UpgradeParse.Upgrade && s.Endpoints.Find(request!.Path) is { } endpoint)
            {
                input.AdvanceTo(consumed);
                return new TakenUpgrade(await AcceptAsync(connection, request, endpoint, s).ConfigureAwait(false));
            }

            if (outcome != UpgradeParse.NeedMore || result.IsCompleted)
            {
                input.AdvanceTo(buffer.Start); // nothing consumed or examined: Kestrel reads the same bytes
                return null;
            }

            Log.WaitingForRestOfUpgrade(s.Logger, connection.ConnectionId, buffer.Length);
            input.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    /// <summary>
    /// Authorization, the endpoint's checks and the 101, on an <see cref="HttpContext"/> that lives only this long (an
    /// authenticated user's identity keeps the request, for re-authentication on refresh).
    /// </summary>
    private static async Task<AcceptedConnection?> AcceptAsync(ConnectionContext connection, UpgradeRequest request, Endpoint endpoint, Setup s)
    {
        var scope = s.ScopeFactory.CreateAsyncScope();
        try
        {
            var webSockets = new DirectWebSocketFeature(connection, request, s.WebSocketOptions);
            var context = DirectHttpContext.Create(connection, request, scope.ServiceProvider, webSockets);
            Log.UpgradeTaken(s.Logger, connection.ConnectionId, request.Path);
            if (s.AccessTokenFromQuery)
            {
                AccessTokenFromQuery.Apply(context.Request); // what its middleware does on the HTTP path
            }

            var accepted = await EndpointAuthorization.AuthorizeAsync(context, endpoint).ConfigureAwait(false)
                ? await WebSocketEndpoint.AcceptAsync(context).ConfigureAwait(false)
                : null;
            if (!webSockets.Accepted)
            {
                await RawHttpResponse.WriteAsync(connection, context).ConfigureAwait(false);
            }

            if (accepted is null)
            {
                await scope.DisposeAsync().ConfigureAwait(false);
                return null;
            }

            return accepted.WithScope(scope);
        }
        catch
        {
            await scope.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>An upgrade answered at the connection level: the connection to run, or none when it was refused.</summary>
    private sealed record TakenUpgrade(AcceptedConnection? Connection)
    {
        public static readonly TakenUpgrade Refused = new((AcceptedConnection?)null);
    }

    /// <summary>What the middleware needs from the app, resolved at its first connection (the app is built by then).</summary>
    private sealed class Setup(IServiceProvider services)
    {
        public UpgradeLimits Limits { get; } = UpgradeLimits.From(services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.Limits);

        public LiveEndpointCatalog Endpoints { get; } = new(services);

        public bool AccessTokenFromQuery { get; } = services.GetRequiredService<IOptions<LiveOptions>>().Value.Authentication.AccessTokenFromQuery;

        public WebSocketOptions WebSocketOptions { get; } = services.GetRequiredService<IOptions<WebSocketOptions>>().Value;

        public IServiceScopeFactory ScopeFactory { get; } = services.GetRequiredService<IServiceScopeFactory>();

        public TimeProvider Time { get; } = services.GetService<TimeProvider>() ?? TimeProvider.System;

        public ILogger Logger { get; } = services.GetRequiredService<ILoggerFactory>().CreateLogger("Live.AspNetCore.Transport.Direct");
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 40, Level = LogLevel.Debug, Message = "Connection {ConnectionId}: WebSocket upgrade of {Path} taken at the connection level")]
        public static partial void UpgradeTaken(ILogger logger, string connectionId, string path);

        [LoggerMessage(EventId = 41, Level = LogLevel.Debug, Message = "Connection {ConnectionId}: the first request's headers did not arrive in time; connection closed")]
        public static partial void HandshakeTimedOut(ILogger logger, string connectionId);

        [LoggerMessage(EventId = 42, Level = LogLevel.Debug, Message = "Connection {ConnectionId}: {Received} bytes of what may be a Live upgrade; waiting for the rest of its headers")]
        public static partial void WaitingForRestOfUpgrade(ILogger logger, string connectionId, long received);
    }
}
