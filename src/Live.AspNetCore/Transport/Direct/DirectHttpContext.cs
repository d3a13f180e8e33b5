using System.Net;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Live.AspNetCore.Transport.Direct;

/// <summary>
/// The <see cref="HttpContext"/> an upgrade taken at the connection level runs through: the parsed request, the
/// connection's addresses and TLS, the request's services, a response captured in memory (only a refusal is ever
/// written to it) and <see cref="DirectWebSocketFeature"/>.
/// </summary>
internal static class DirectHttpContext
{
    public static DefaultHttpContext Create(
        ConnectionContext connection, UpgradeRequest request, IServiceProvider requestServices, DirectWebSocketFeature webSockets)
    {
        var tls = connection.Features.Get<ITlsConnectionFeature>();
        var features = new FeatureCollection();
        features.Set<IHttpRequestFeature>(new HttpRequestFeature
        {
            Protocol = "HTTP/1.1",
            Scheme = tls is null ? "http" : "https",
            Method = HttpMethods.Get,
            Path = request.Path,
            QueryString = request.Query,
            RawTarget = request.Path + request.Query,
            Headers = request.Headers,
        });
        features.Set<IHttpResponseFeature>(new HttpResponseFeature());
        features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(new MemoryStream()));
        features.Set<IHttpRequestLifetimeFeature>(new DirectLifetimeFeature(connection));
        features.Set<IServiceProvidersFeature>(new ServiceProvidersFeature { RequestServices = requestServices });
        features.Set<IHttpWebSocketFeature>(webSockets);
        if (tls is not null)
        {
            features.Set(tls);
        }

        var remote = connection.RemoteEndPoint as IPEndPoint;
        var local = connection.LocalEndPoint as IPEndPoint;
        features.Set<IHttpConnectionFeature>(new HttpConnectionFeature
        {
            ConnectionId = connection.ConnectionId,
            RemoteIpAddress = remote?.Address,
            RemotePort = remote?.Port ?? 0,
            LocalIpAddress = local?.Address,
            LocalPort = local?.Port ?? 0,
        });
        return new DefaultHttpContext(features);
    }
}
