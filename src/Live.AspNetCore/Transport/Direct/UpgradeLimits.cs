using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Live.AspNetCore.Transport.Direct;

/// <summary>The bounds on an upgrade request taken at the connection level: Kestrel's own, so both paths agree.</summary>
internal sealed record UpgradeLimits(int MaxRequestLineSize, int MaxHeadersTotalSize, int MaxHeaderCount, TimeSpan HeadersTimeout)
{
    public static UpgradeLimits From(KestrelServerLimits limits) =>
        new(limits.MaxRequestLineSize, limits.MaxRequestHeadersTotalSize, limits.MaxRequestHeaderCount, limits.RequestHeadersTimeout);
}
