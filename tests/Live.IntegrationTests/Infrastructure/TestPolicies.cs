using Live.IntegrationTests.Components;
using Microsoft.AspNetCore.Authorization;

namespace Live.IntegrationTests.Infrastructure;

/// <summary>
/// The authorization policies the test components name. Every Live host in this test process hosts every loaded
/// component (the generated catalog is process-wide), and start-up fails when a named policy is missing, so each
/// test host registers these.
/// </summary>
public static class TestPolicies
{
    public static void AddTo(AuthorizationOptions options)
    {
        // Looks at the instance's state: the safe can be used while it is unlocked.
        options.AddPolicy("unlocked", p => p.RequireAssertion(c => c.Resource is Safe { IsLocked: false }));
        options.AddPolicy("editors", p => p.RequireRole("editor"));
    }
}
