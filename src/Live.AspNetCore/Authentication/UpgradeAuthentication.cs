using Live.Authentication;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features.Authentication;
using Microsoft.Extensions.DependencyInjection;

namespace Live.AspNetCore.Authentication;

/// <summary>
/// Authenticates the upgrade request with the app's own ASP.NET Core authentication and turns the outcome into the
/// connection's identity: the user, when the authentication expires, and the scheme(s) that re-validate a refresh.
/// </summary>
internal static class UpgradeAuthentication
{
    public static async Task<ConnectionIdentity> AuthenticateAsync(HttpContext context, LiveAuthenticationOptions options)
    {
        var schemeProvider = context.RequestServices.GetService<IAuthenticationSchemeProvider>();
        if (schemeProvider is null)
        {
            // The app has no authentication: every connection is anonymous.
            return new ConnectionIdentity(context.User);
        }

        AuthenticateResult? result = null;
        string[] schemes = [];
        if (options.Schemes.Count > 0)
        {
            foreach (var scheme in options.Schemes)
            {
                var attempt = await context.AuthenticateAsync(scheme).ConfigureAwait(false);
                if (attempt.Succeeded)
                {
                    (result, schemes) = (attempt, [scheme]);
                    break;
                }
            }
        }
        else if (context.Features.Get<IAuthenticateResultFeature>()?.AuthenticateResult is { Succeeded: true } done)
        {
            // The authentication middleware (default scheme) or an authorization policy's schemes already ran; a
            // policy joins its schemes' names with ';'.
            (result, schemes) = (done, done.Ticket!.AuthenticationScheme.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        }
        else if (await schemeProvider.GetDefaultAuthenticateSchemeAsync().ConfigureAwait(false) is { } defaultScheme)
        {
            // Hosts that do not run UseAuthentication(): run the default scheme here (handlers cache their result
            // per request, so this never validates twice).
            var attempt = await context.AuthenticateAsync(defaultScheme.Name).ConfigureAwait(false);
            if (attempt.Succeeded)
            {
                (result, schemes) = (attempt, [defaultScheme.Name]);
            }
        }

        if (result?.Principal is not { } user)
        {
            // Anonymous, like any ASP.NET Core request whose credentials are missing or fail validation;
            // .RequireAuthorization() on the endpoint turns that into 401.
            return new ConnectionIdentity(context.User);
        }

        context.User = user;
        var authenticator = new SchemeTokenAuthenticator(
            schemes,
            context.RequestServices.GetRequiredService<IServiceScopeFactory>(),
            context.Request);
        return new ConnectionIdentity(user, ConnectionIdentity.ExpiryOf(result.Properties?.ExpiresUtc, user), authenticator);
    }
}
