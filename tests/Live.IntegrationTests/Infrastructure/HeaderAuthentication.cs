using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Live.IntegrationTests.Infrastructure;

/// <summary>
/// A real ASP.NET Core authentication scheme for tests: the upgrade request's <c>X-Test-User</c> header names the
/// user and, after a semicolon, their comma-separated roles (<c>alice;admin,editor</c>). No header: anonymous.
/// </summary>
public sealed class HeaderAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "TestHeader";
    public const string Header = "X-Test-User";

    /// <summary>Client options that sign the connection in as <paramref name="user"/>.</summary>
    public static Action<Live.Client.LiveConnectionOptions> As(string user, params string[] roles) =>
        o => o.ConfigureWebSocket = ws => ws.SetRequestHeader(Header, roles.Length == 0 ? user : $"{user};{string.Join(',', roles)}");

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var value = Request.Headers[Header].ToString();
        if (value.Length == 0)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var parts = value.Split(';', 2);
        var claims = new List<Claim> { new(ClaimTypes.Name, parts[0]), new(ClaimTypes.NameIdentifier, "id-" + parts[0]) };
        if (parts.Length == 2)
        {
            claims.AddRange(parts[1].Split(',', StringSplitOptions.RemoveEmptyEntries).Select(r => new Claim(ClaimTypes.Role, r)));
        }

        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }
}
