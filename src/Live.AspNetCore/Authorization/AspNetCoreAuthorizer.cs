using System.Runtime.CompilerServices;
using System.Security.Claims;
using Live.Authorization;
using Microsoft.AspNetCore.Authorization;

namespace Live.AspNetCore.Authorization;

/// <summary>
/// Evaluates Live's <c>[Authorize]</c> metadata with ASP.NET Core authorization: the attributes are combined into one
/// policy exactly as <see cref="AuthorizationPolicy.CombineAsync(IAuthorizationPolicyProvider, IEnumerable{IAuthorizeData})"/>
/// combines an endpoint's (roles → <c>RolesAuthorizationRequirement</c>, named policies from the policy provider, the
/// default policy for a bare <c>[Authorize]</c>), then checked by <see cref="IAuthorizationService"/> with the component
/// (or room) as the resource.
/// </summary>
internal sealed class AspNetCoreAuthorizer : ILiveAuthorizer
{
    private readonly IAuthorizationPolicyProvider policies;
    private readonly IAuthorizationService authorization;

    // The runtime passes the same requirement lists every time (worked out once per component and action), so the
    // combined policy is kept per list, weakly, when the provider allows caching.
    private readonly ConditionalWeakTable<IReadOnlyList<AuthorizeData>, CombinedPolicy> cache = new();

    public AspNetCoreAuthorizer(IAuthorizationPolicyProvider policies, IAuthorizationService authorization)
    {
        this.policies = policies;
        this.authorization = authorization;
    }

    public async ValueTask<LiveAuthorizationResult> AuthorizeAsync(ClaimsPrincipal user, IReadOnlyList<AuthorizeData> requirements, object resource)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(requirements);
        if (requirements.Count == 0)
        {
            return LiveAuthorizationResult.Success;
        }

        if (!cache.TryGetValue(requirements, out var combined))
        {
            combined = await CombineAsync(requirements).ConfigureAwait(false);
            if (policies.AllowsCachingPolicies)
            {
                cache.AddOrUpdate(requirements, combined);
            }
        }

        var result = await authorization.AuthorizeAsync(user, resource, combined.Policy).ConfigureAwait(false);
        return result.Succeeded ? LiveAuthorizationResult.Success : LiveAuthorizationResult.Fail(combined.Describe(result.Failure));
    }

    private async Task<CombinedPolicy> CombineAsync(IReadOnlyList<AuthorizeData> requirements)
    {
        var policy = await AuthorizationPolicy.CombineAsync(policies, requirements.Select(r => new AuthorizeDataAdapter(r))).ConfigureAwait(false)
            ?? throw new InvalidOperationException("No authorization policy could be built from " + string.Join(", ", requirements) + ".");

        // Remember which named policy each requirement came from, so a failure can say "policy 'owner': ...".
        var origins = new Dictionary<IAuthorizationRequirement, string>(ReferenceEqualityComparer.Instance);
        foreach (var name in requirements.Select(r => r.Policy).Where(p => !string.IsNullOrWhiteSpace(p)).Distinct(StringComparer.Ordinal))
        {
            var named = await policies.GetPolicyAsync(name!).ConfigureAwait(false);
            foreach (var requirement in named?.Requirements ?? [])
            {
                origins.TryAdd(requirement, name!);
            }
        }

        return new CombinedPolicy(policy, origins);
    }

    private sealed class CombinedPolicy(AuthorizationPolicy policy, Dictionary<IAuthorizationRequirement, string> origins)
    {
        public AuthorizationPolicy Policy { get; } = policy;

        public string Describe(AuthorizationFailure? failure)
        {
            if (failure is null)
            {
                return "authorization failed";
            }

            var parts = failure.FailedRequirements
                .Select(r => origins.TryGetValue(r, out var name) ? $"policy '{name}': {r}" : r.ToString() ?? r.GetType().Name)
                .Concat(failure.FailureReasons.Select(r => r.Message))
                .ToList();
            return parts.Count == 0 ? "a handler called Fail()" : string.Join("; ", parts);
        }
    }
}
