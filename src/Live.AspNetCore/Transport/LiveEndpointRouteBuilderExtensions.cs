using Live.AspNetCore.Transport;
using Microsoft.AspNetCore.Routing;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the Live WebSocket endpoint.</summary>
public static class LiveEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the Live endpoint at <paramref name="pattern"/>. Clients connect with a WebSocket speaking subprotocol
    /// <c>live.v1</c>. The result is an ordinary endpoint: <c>.RequireAuthorization()</c>, CORS and rate-limiting
    /// policies apply to the upgrade request.
    /// </summary>
    /// <param name="endpoints">The app's endpoints.</param>
    /// <param name="pattern">The route, by default <c>/live</c>.</param>
    /// <returns>The endpoint's convention builder.</returns>
    public static IEndpointConventionBuilder MapLive(this IEndpointRouteBuilder endpoints, string pattern = "/live")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrEmpty(pattern);

        // The WebSocket middleware runs inside this endpoint only, so the app need not call UseWebSockets().
        var pipeline = endpoints.CreateApplicationBuilder();
        pipeline.UseWebSockets();
        pipeline.Run(WebSocketEndpoint.HandleAsync);
        return endpoints.Map(pattern, pipeline.Build())
            .WithDisplayName("Live WebSocket endpoint")
            .WithMetadata(LiveEndpointMetadata.Instance);
    }
}
