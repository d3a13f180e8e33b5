using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Primitives;

namespace Live.AspNetCore.Transport.Direct;

/// <summary>
/// The app's <c>MapLive</c> endpoints with a literal route (no parameters), by path: the upgrades the connection-level
/// path may take. Rebuilt when the app's endpoints change.
/// </summary>
internal sealed class LiveEndpointCatalog
{
    private readonly EndpointDataSource? source;
    private volatile Dictionary<string, Endpoint>? byPath;

    public LiveEndpointCatalog(IServiceProvider services)
    {
        source = services.GetService(typeof(EndpointDataSource)) as EndpointDataSource;
        if (source is not null)
        {
            ChangeToken.OnChange(source.GetChangeToken, () => byPath = null);
        }
    }

    public bool IsLivePath(string path) => Find(path) is not null;

    public Endpoint? Find(string path) => Paths().GetValueOrDefault(Normalize(path));

    private Dictionary<string, Endpoint> Paths()
    {
        if (byPath is { } known)
        {
            return known;
        }

        var paths = new Dictionary<string, Endpoint>(StringComparer.OrdinalIgnoreCase);
        foreach (var endpoint in source?.Endpoints ?? [])
        {
            if (endpoint is RouteEndpoint { RoutePattern: { Parameters.Count: 0 } pattern }
                && endpoint.Metadata.GetMetadata<LiveEndpointMetadata>() is not null
                && pattern.RawText is { } raw)
            {
                paths.TryAdd(Normalize(raw), endpoint);
            }
        }

        byPath = paths;
        return paths;
    }

    // Routing matches "/live" and "/live/" alike, and case-insensitively.
    private static string Normalize(string path) => "/" + path.Trim('/');
}
