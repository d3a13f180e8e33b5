using Live.Authentication;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;

namespace Live.AspNetCore.Authentication;

/// <summary>
/// Re-validates a refreshed token with the scheme(s) that authenticated the upgrade. ASP.NET Core handlers read
/// requests, so each refresh builds a request like the upgrade's carrying the token as a bearer token (in the
/// <c>Authorization</c> header and the <c>access_token</c> query parameter), in a fresh service scope so no
/// handler's cached result from another request is reused.
/// </summary>
internal sealed class SchemeTokenAuthenticator : ITokenAuthenticator
{
    private readonly IReadOnlyList<string> schemes;
    private readonly IServiceScopeFactory scopes;
    private readonly string requestScheme;
    private readonly HostString host;
    private readonly PathString pathBase;
    private readonly PathString path;

    public SchemeTokenAuthenticator(IReadOnlyList<string> schemes, IServiceScopeFactory scopes, HttpRequest upgrade)
    {
        this.schemes = schemes;
        this.scopes = scopes;
        requestScheme = upgrade.Scheme;
        host = upgrade.Host;
        pathBase = upgrade.PathBase;
        path = upgrade.Path;
    }

    public async ValueTask<TokenAuthenticationResult> AuthenticateAsync(string token, CancellationToken cancellationToken)
    {
        var scope = scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider, RequestAborted = cancellationToken };
            var request = context.Request;
            request.Method = HttpMethods.Get;
            request.Scheme = requestScheme;
            request.Host = host;
            request.PathBase = pathBase;
            request.Path = path;
            request.Headers[HeaderNames.Authorization] = "Bearer " + token;
            request.QueryString = QueryString.Create(AccessTokenFromQuery.QueryParameter, token);

            string? failure = null;
            foreach (var scheme in schemes)
            {
                var result = await context.AuthenticateAsync(scheme).ConfigureAwait(false);
                if (result.Succeeded)
                {
                    return new TokenAuthenticationResult(result.Principal, ConnectionIdentity.ExpiryOf(result.Properties.ExpiresUtc, result.Principal), null);
                }

                failure ??= result.Failure?.Message;
            }

            return new TokenAuthenticationResult(null, null, failure ?? $"no scheme ({string.Join(", ", schemes)}) accepted the token");
        }
    }
}
