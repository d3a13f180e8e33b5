using Live.Authorization;
using Microsoft.AspNetCore.Authorization;

namespace Live.AspNetCore.Authorization;

/// <summary>Presents Live's generated <see cref="AuthorizeData"/> to ASP.NET Core as the attribute it was read from.</summary>
internal sealed class AuthorizeDataAdapter(AuthorizeData data) : IAuthorizeData
{
    public string? Policy { get; set; } = data.Policy;

    public string? Roles { get; set; } = data.Roles;

    // Live authenticates a connection once, on the upgrade; per-attribute schemes are refused at compile time (LIVE022).
    public string? AuthenticationSchemes { get; set; }
}
