using Live.AspNetCore.Monitoring;
using Microsoft.AspNetCore.Routing;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps Live's JSON stats endpoint.</summary>
public static class LiveStatsEndpointRouteBuilderExtensions
{
    /// <summary>The authorization policy <see cref="MapLiveStats"/> requires unless told another.</summary>
    public const string DefaultPolicyName = "LiveStats";

    /// <summary>
    /// Maps a <c>GET</c> endpoint returning the runtime's counts as JSON: registered components, open connections,
    /// mounted instances, singletons, and per component the action counts with mean and max timings. It shows the
    /// shape of the app, so it always requires an authorization policy: <paramref name="policyName"/>, by default
    /// <see cref="DefaultPolicyName"/>, which the app must define
    /// (<c>services.AddAuthorization(o =&gt; o.AddPolicy("LiveStats", p =&gt; p.RequireRole("ops")))</c>).
    /// </summary>
    /// <param name="endpoints">The app's endpoints.</param>
    /// <param name="pattern">The route, by default <c>/live/stats</c>.</param>
    /// <param name="policyName">The authorization policy a caller must satisfy.</param>
    /// <returns>The endpoint's convention builder.</returns>
    public static IEndpointConventionBuilder MapLiveStats(this IEndpointRouteBuilder endpoints, string pattern = "/live/stats", string policyName = DefaultPolicyName)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrEmpty(pattern);
        ArgumentException.ThrowIfNullOrEmpty(policyName);
        return endpoints.MapGet(pattern, LiveStatsEndpoint.HandleAsync)
            .RequireAuthorization(policyName)
            .WithDisplayName("Live stats endpoint");
    }
}
