namespace Live;

/// <summary>
/// How the Live endpoint authenticates a connection (see <c>docs/security.md#authentication</c>). The upgrade request
/// runs the app's own ASP.NET Core authentication; these settings only say which schemes and where a token may be.
/// </summary>
public sealed class LiveAuthenticationOptions
{
    /// <summary>
    /// The authentication schemes tried, in order, on the upgrade; the first that succeeds authenticates the
    /// connection and is the one that re-validates tokens sent with <c>refresh</c>. Empty (the default) means the
    /// scheme the app's authentication already ran for the request, or else its default authenticate scheme.
    /// </summary>
    public IList<string> Schemes { get; } = [];

    /// <summary>
    /// Whether a bearer token may come in the <c>access_token</c> query parameter of the upgrade, because browsers
    /// cannot set headers on a WebSocket. When on, a Live upgrade with that parameter and no <c>Authorization</c>
    /// header gets <c>Authorization: Bearer &lt;token&gt;</c> before the app's authentication runs, so JwtBearer and
    /// any other bearer scheme read it with no configuration. Default <see langword="true"/>.
    /// </summary>
    public bool AccessTokenFromQuery { get; set; } = true;
}
