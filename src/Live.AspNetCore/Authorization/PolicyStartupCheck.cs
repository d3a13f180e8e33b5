using Live.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Hosting;

namespace Live.AspNetCore.Authorization;

/// <summary>
/// Fails start-up when a component names an authorization policy (<c>[Authorize(Policy = ...)]</c> or
/// <c>[LiveComponent(WritePolicy = ...)]</c>) that the policy provider does not know, listing every such use, so a
/// typo is found when the app starts rather than by the first user who is refused. Runs before any server listens.
/// </summary>
internal sealed class PolicyStartupCheck(LiveRuntime runtime, IAuthorizationPolicyProvider policies) : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        var missing = new List<string>();
        var known = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var (component, member, policy) in PolicyUses())
        {
            if (!known.TryGetValue(policy, out var exists))
            {
                exists = await policies.GetPolicyAsync(policy).ConfigureAwait(false) is not null;
                known[policy] = exists;
            }

            if (!exists)
            {
                missing.Add($"component '{component}', {member}: policy '{policy}'");
            }
        }

        if (missing.Count > 0)
        {
            var message = "Live components use authorization policies that are not registered (add them with " +
                "services.AddAuthorization(o => o.AddPolicy(\"name\", ...))):" + Environment.NewLine + "  " +
                string.Join(Environment.NewLine + "  ", missing);
            throw new InvalidOperationException(message);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private IEnumerable<(string Component, string Member, string Policy)> PolicyUses()
    {
        foreach (var descriptor in runtime.Registry.All)
        {
            foreach (var data in descriptor.Authorize)
            {
                if (!string.IsNullOrWhiteSpace(data.Policy))
                {
                    yield return (descriptor.Name, "class " + descriptor.ComponentType.Name, data.Policy);
                }
            }

            if (!string.IsNullOrWhiteSpace(descriptor.WritePolicy))
            {
                yield return (descriptor.Name, "WritePolicy", descriptor.WritePolicy);
            }

            foreach (var action in descriptor.Actions.Values.OrderBy(a => a.Name, StringComparer.Ordinal))
            {
                foreach (var data in action.Authorize)
                {
                    if (!string.IsNullOrWhiteSpace(data.Policy))
                    {
                        yield return (descriptor.Name, $"action '{action.Name}' ({action.MethodName})", data.Policy);
                    }
                }
            }
        }
    }

}
