using Live.AspNetCore.Transport.Direct;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Microsoft.AspNetCore.Hosting;

/// <summary>Takes Live WebSocket upgrades at Kestrel's connection level.</summary>
public static class LiveListenOptionsExtensions
{
    /// <summary>
    /// Answers Live WebSocket upgrades on this endpoint at the connection level: when a new connection's first request
    /// is a plain WebSocket upgrade of a <c>MapLive</c> path (a literal route), Live reads the handshake itself and runs
    /// the connection over Kestrel's transport, skipping Kestrel's HTTP/1.1 request objects — about half the memory of an
    /// idle connection. Every other request, and any upgrade that is not plain (HTTP/1.0, folded or non-ASCII headers,
    /// percent-encoded paths, a second request on a kept-alive connection), goes to Kestrel's HTTP untouched and reaches
    /// <c>MapLive</c> the usual way.
    /// </summary>
    /// <remarks>
    /// On the connection-level path the <c>MapLive</c> endpoint's authorization metadata is applied
    /// (<c>.RequireAuthorization()</c>, policies, <c>AllowAnonymous</c>), and Live authenticates the upgrade with the
    /// app's schemes as always (<c>Live:Authentication:Schemes</c>, else the default scheme). The app's HTTP middleware
    /// (<c>app.Use…</c>) and other endpoint conventions (rate limiting, filters) do not run for these connections, and
    /// they do not count against <c>MaxConcurrentUpgradedConnections</c> (Kestrel's <c>MaxConcurrentConnections</c>
    /// still applies). With TLS, call <c>UseHttps()</c> first. See docs/configuration.md.
    /// </remarks>
    /// <param name="listenOptions">The Kestrel endpoint.</param>
    /// <returns><paramref name="listenOptions"/>.</returns>
    public static ListenOptions UseLive(this ListenOptions listenOptions)
    {
        ArgumentNullException.ThrowIfNull(listenOptions);
        var services = listenOptions.ApplicationServices;
        listenOptions.Use(next => new DirectUpgradeMiddleware(next, services).OnConnectionAsync);
        return listenOptions;
    }
}
