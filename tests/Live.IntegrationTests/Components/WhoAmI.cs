using System.Security.Claims;

namespace Live.IntegrationTests.Components;

public sealed record WhoAmIState
{
    public string MountedAs { get; init; } = string.Empty;
}

/// <summary>Reports who the server thinks the connection's user is, at mount and on each action.</summary>
[LiveComponent]
public sealed partial class WhoAmI : LiveComponent<WhoAmIState>
{
    [PublicAction]
    public string Who() => Describe(User);

    [PublicAction]
    public string? Claim(string type) => User.FindFirst(type)?.Value;

    protected override Task OnMountAsync(MountContext context)
    {
        MountedAs = Describe(context.Connection.User);
        return Task.CompletedTask;
    }

    private static string Describe(ClaimsPrincipal user) =>
        user.Identity is { IsAuthenticated: true } identity ? identity.Name ?? "(no name)" : "anonymous";
}
