using Live.AspNetCore.Authentication;
using Live.Hosting;
using Live.Protocol;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Live.AspNetCore.Transport;

/// <summary>
/// The upgrade request: checks it is a WebSocket request for a protocol version this server speaks, accepts it,
/// and hands the socket, the authenticated user and the request's services to the runtime.
/// </summary>
internal static class WebSocketEndpoint
{
    public const string ErrorHeader = "X-Live-Error";

    public static async Task HandleAsync(HttpContext context)
    {
        if (await AcceptAsync(context).ConfigureAwait(false) is { } accepted)
        {
            await accepted.RunAsync(context.RequestServices).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The checks and the accept, apart from running the connection, so a caller need not hold the request while the
    /// connection lives. <see langword="null"/> when refused (the refusal is in <c>context.Response</c>).
    /// </summary>
    public static async Task<AcceptedConnection?> AcceptAsync(HttpContext context)
    {
        var runtime = context.RequestServices.GetRequiredService<LiveRuntime>();
        if (!context.WebSockets.IsWebSocketRequest)
        {
            await RefuseAsync(context, runtime, "not_websocket", StatusCodes.Status400BadRequest, $"This is the Live WebSocket endpoint: connect with a WebSocket using subprotocol {ProtocolVersion.V1}.").ConfigureAwait(false);
            return null;
        }

        var requested = context.WebSockets.WebSocketRequestedProtocols;
        var protocol = ProtocolVersion.Supported.FirstOrDefault(v => requested.Contains(v, StringComparer.Ordinal));
        if (protocol is null)
        {
            var offered = requested.Count == 0 ? "no subprotocol" : "'" + string.Join("', '", requested.Select(Clip)) + "'";
            await RefuseAsync(context, runtime, "unsupported_protocol", StatusCodes.Status400BadRequest, $"unsupported protocol {offered}; this server speaks {string.Join(", ", ProtocolVersion.Supported)}").ConfigureAwait(false);
            return null;
        }

        if (!OriginCheck.IsAllowed(context.Request, runtime.Options.AllowedOrigins, out var origin))
        {
            await RefuseAsync(context, runtime, "origin", StatusCodes.Status403Forbidden, $"origin '{origin}' may not open a cookie-authenticated Live connection; add it to Live:AllowedOrigins").ConfigureAwait(false);
            return null;
        }

        if (runtime.IsShuttingDown)
        {
            await RefuseAsync(context, runtime, "shutting_down", StatusCodes.Status503ServiceUnavailable, "The server is shutting down.").ConfigureAwait(false);
            return null;
        }

        var identity = await UpgradeAuthentication.AuthenticateAsync(context, runtime.Options.Authentication).ConfigureAwait(false);
        if (!runtime.TryAcquireUserSlot(identity, out var slot))
        {
            await RefuseAsync(context, runtime, "user_connection_limit", StatusCodes.Status429TooManyRequests, $"This user already has {runtime.Options.Limits.MaxConnectionsPerUser} open connections (Live:Limits:MaxConnectionsPerUser); close one first.").ConfigureAwait(false);
            return null;
        }

        try
        {
            var socket = await context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext
            {
                SubProtocol = protocol,
                DangerousEnableCompression = false,

                // No WebSocket-level pings (nor their timer per connection): the protocol's own ping and ClientTimeout
                // keep connections alive and find dead ones (docs/protocol.md#ping).
                KeepAliveInterval = TimeSpan.Zero,
            }).ConfigureAwait(false);
            return new AcceptedConnection(runtime, socket, identity, slot);
        }
        catch
        {
            slot.Dispose();
            throw;
        }
    }

    private static async Task RefuseAsync(HttpContext context, LiveRuntime runtime, string metricReason, int status, string reason)
    {
        runtime.Metrics.ConnectionRefused(metricReason);
        context.Response.StatusCode = status;
        // Header values must be printable ASCII; the body carries the same text.
        context.Response.Headers[ErrorHeader] = new string([.. reason.Select(c => c is >= ' ' and <= '~' ? c : '?')]);
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(reason).ConfigureAwait(false);
    }

    private static string Clip(string value) => value.Length <= 32 ? value : value[..32] + "...";
}
