using Live.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Live.AspNetCore.Monitoring;

/// <summary>Reports the Live runtime healthy while it accepts connections, unhealthy once it is shutting down.</summary>
internal sealed class LiveHealthCheck(LiveRuntime runtime) : IHealthCheck
{
    /// <summary>The check's registered name and tag.</summary>
    public const string Name = "live";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object>
        {
            ["connections"] = runtime.ConnectionCount,
            ["singletons"] = runtime.SingletonCount,
        };
        return Task.FromResult(runtime.IsShuttingDown
            ? HealthCheckResult.Unhealthy("Live is shutting down.", data: data)
            : HealthCheckResult.Healthy("Live is accepting connections.", data));
    }
}
