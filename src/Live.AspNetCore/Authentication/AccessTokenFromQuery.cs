using Live.Protocol;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Live.AspNetCore.Authentication;

/// <summary>
/// Browsers cannot set headers on a WebSocket upgrade, so a Live client passes its bearer token as the
/// <c>access_token</c> query parameter. Placed first in the pipeline, this copies it into
/// <c>Authorization: Bearer</c> for Live upgrades only (a WebSocket upgrade offering a <c>live.v*</c> subprotocol)
/// that carry no <c>Authorization</c> header, so the app's authentication and authorization middleware and any
/// bearer scheme (JwtBearer included, unconfigured) see it.
/// </summary>
internal sealed class AccessTokenFromQuery(IOptions<LiveOptions> options) : IStartupFilter
{
    public const string QueryParameter = "access_token";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        if (options.Value.Authentication.AccessTokenFromQuery)
        {
            app.Use(static (context, nextMiddleware) =>
            {
                Apply(context.Request);
                return nextMiddleware(context);
            });
        }

        next(app);
    };

    internal static void Apply(HttpRequest request)
    {
        if (!request.Query.TryGetValue(QueryParameter, out var token)
            || token.Count != 1
            || string.IsNullOrEmpty(token[0])
            || request.Headers.ContainsKey(HeaderNames.Authorization)
            || !IsLiveUpgrade(request))
        {
            return;
        }

        request.Headers[HeaderNames.Authorization] = "Bearer " + token[0];
    }

    private static bool IsLiveUpgrade(HttpRequest request)
    {
        if (!string.Equals(request.Headers[HeaderNames.Upgrade].ToString(), "websocket", StringComparison.OrdinalIgnoreCase)
            && !HttpMethods.IsConnect(request.Method))
        {
            return false;
        }

        foreach (var value in request.Headers[HeaderNames.SecWebSocketProtocol])
        {
            foreach (var offered in (value ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (ProtocolVersion.Supported.Contains(offered, StringComparer.Ordinal))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
