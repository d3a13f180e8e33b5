using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features.Authentication;
using Microsoft.Extensions.DependencyInjection;

namespace Live.AspNetCore.Transport.Direct;

/// <summary>
/// What <c>UseAuthentication()</c> and the authorization middleware do for the <c>MapLive</c> endpoint: the default
/// scheme, then the endpoint.s authorization (<c>.RequireAuthorization()</c>, <c>[Authorize]</c> data, policies,
/// <c>AllowAnonymous</c>) for an upgrade taken at the connection level, where the authorization middleware does not
/// run: the same policy evaluation, and a refusal answered by the app's result handler (401 or 403 as usual).
/// </summary>
internal static class EndpointAuthorization
{
    /// <returns><see langword="true"/> when the upgrade may go on; otherwise the refusal is in <c>context.Response</c>.</returns>
    public static async Task<bool> AuthorizeAsync(HttpContext context, Endpoint endpoint)
    {
        var services = context.RequestServices;
        await AuthenticateAsync(context).ConfigureAwait(false);
        var policyProvider = services.GetService<IAuthorizationPolicyProvider>();
        if (policyProvider is null)
        {
            return true; // no authorization services: the endpoint cannot carry a policy either
        }

        var policy = await AuthorizationPolicy.CombineAsync(
            policyProvider,
            endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>(),
            endpoint.Metadata.GetOrderedMetadata<AuthorizationPolicy>()).ConfigureAwait(false);
        if (policy is null)
        {
            return true;
        }

        var evaluator = services.GetRequiredService<IPolicyEvaluator>();
        var authenticated = await evaluator.AuthenticateAsync(policy, context).ConfigureAwait(false);
        if (authenticated.Succeeded)
        {
            Record(context, authenticated);
        }

        if (endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null)
        {
            return true;
        }

        var authorized = await evaluator.AuthorizeAsync(policy, authenticated, context, context).ConfigureAwait(false);
        if (authorized.Succeeded)
        {
            return true;
        }

        var handler = services.GetRequiredService<IAuthorizationMiddlewareResultHandler>();
        await handler.HandleAsync(static _ => Task.CompletedTask, context, policy, authorized).ConfigureAwait(false);
        return false;
    }

    /// <summary>What <c>UseAuthentication()</c> does for a request: the default authenticate scheme, when there is one.</summary>
    private static async Task AuthenticateAsync(HttpContext context)
    {
        if (context.RequestServices.GetService<IAuthenticationSchemeProvider>() is not { } schemes
            || await schemes.GetDefaultAuthenticateSchemeAsync().ConfigureAwait(false) is not { } scheme)
        {
            return;
        }

        var result = await context.AuthenticateAsync(scheme.Name).ConfigureAwait(false);
        if (result.Succeeded)
        {
            Record(context, result);
        }
    }

    private static void Record(HttpContext context, AuthenticateResult result)
    {
        var feature = new AuthenticationResultFeature(result);
        context.Features.Set<IAuthenticateResultFeature>(feature);
        context.Features.Set<IHttpAuthenticationFeature>(feature);
    }
}
