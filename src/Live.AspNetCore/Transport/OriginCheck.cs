using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Live.AspNetCore.Transport;

/// <summary>
/// Refuses cross-site WebSocket hijacking: a page on another site can open a WebSocket to this server and the
/// browser attaches this site's cookies. An upgrade that carries cookies must come from the server's own origin or
/// an allowed one. Upgrades without cookies carry no ambient authority and pass.
/// </summary>
internal static class OriginCheck
{
    public static bool IsAllowed(HttpRequest request, IList<string> allowedOrigins, out string origin)
    {
        origin = request.Headers.Origin.ToString();
        if (origin.Length == 0 || !request.Headers.ContainsKey(HeaderNames.Cookie))
        {
            return true;
        }

        if (allowedOrigins.Contains("*"))
        {
            return true;
        }

        if (!Uri.TryCreate(origin, UriKind.Absolute, out var originUri))
        {
            origin = origin.Length <= 64 ? origin : origin[..64] + "...";
            return false;
        }

        // Same origin: the Origin's host and port equal the Host the browser connected to (behind a proxy, configure
        // forwarded headers so Host is the public one, or list the public origin).
        if (string.Equals(originUri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var normalized = originUri.GetLeftPart(UriPartial.Authority);
        return allowedOrigins.Any(o => string.Equals(o.TrimEnd('/'), normalized, StringComparison.OrdinalIgnoreCase));
    }
}
