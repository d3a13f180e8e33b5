using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.Features.Authentication;

namespace Live.AspNetCore.Transport.Direct;

/// <summary>What the authorization middleware records after authenticating for a policy, so later code sees it.</summary>
internal sealed class AuthenticationResultFeature(AuthenticateResult result) : IAuthenticateResultFeature, IHttpAuthenticationFeature
{
    private ClaimsPrincipal? user = result.Principal;

    public AuthenticateResult? AuthenticateResult
    {
        get => result;
        set
        {
            result = value ?? AuthenticateResult.NoResult();
            user = result.Principal;
        }
    }

    public ClaimsPrincipal? User
    {
        get => user;
        set => user = value;
    }
}
