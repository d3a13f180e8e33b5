using System.Globalization;
using System.Security.Claims;

namespace Live.Authentication;

/// <summary>
/// Who opened a connection, as the transport established it on the upgrade: the user, when that authentication
/// expires, and how a token sent later with <c>refresh</c> is re-validated. Nothing here comes from a frame.
/// </summary>
internal sealed class ConnectionIdentity
{
    public ConnectionIdentity(ClaimsPrincipal user, DateTimeOffset? expiresAt = null, ITokenAuthenticator? authenticator = null)
    {
        User = user;
        ExpiresAt = expiresAt;
        Authenticator = authenticator;
    }

    /// <summary>The user of the upgrade (an unauthenticated principal for anonymous connections).</summary>
    public ClaimsPrincipal User { get; }

    /// <summary>When the authentication expires; the connection is closed with 4401 then unless refreshed.</summary>
    public DateTimeOffset? ExpiresAt { get; }

    /// <summary>Re-validates refreshed tokens; <see langword="null"/> when the connection's authentication cannot be re-run.</summary>
    public ITokenAuthenticator? Authenticator { get; }

    /// <summary>
    /// When an authentication expires: the ticket's expiry when the scheme set one, else the principal's JWT
    /// <c>exp</c> claim (seconds since the Unix epoch), else never.
    /// </summary>
    public static DateTimeOffset? ExpiryOf(DateTimeOffset? ticketExpiresAt, ClaimsPrincipal? user)
    {
        if (ticketExpiresAt is not null)
        {
            return ticketExpiresAt;
        }

        var exp = user?.FindFirst("exp")?.Value;
        return long.TryParse(exp, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds)
            && seconds is >= 0 and < 253402300800L
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;
    }
}
