namespace Live.IntegrationTests.Components;

public sealed record LifecycleState
{
    public string Mode { get; init; } = "open";

    public int Runs { get; init; }

    public string MountedWith { get; init; } = string.Empty;
}

/// <summary>Records its hooks and refuses actions while locked (the action filter).</summary>
[LiveComponent]
public sealed partial class Lifecycle(HookLog log) : LiveComponent<LifecycleState>
{
    [PublicAction]
    public void Lock() => Mode = "locked";

    [PublicAction]
    public void Run() => Runs++;

    protected override Task OnMountAsync(MountContext context)
    {
        MountedWith = context.TryGetProp<string>("greeting", out var greeting) ? greeting : "(none)";
        log.Add($"lifecycle:mount:{InstanceId}");
        return Task.CompletedTask;
    }

    protected override Task OnActionExecutingAsync(ActionExecutingContext context)
    {
        if (Mode == "locked" && context.ActionName == "run")
        {
            context.Cancel("The component is locked.");
        }

        return Task.CompletedTask;
    }

    protected override Task OnStateChangedAsync(StateChangedContext context)
    {
        log.Add($"lifecycle:changed:{string.Join('+', context.ChangedMembers)}");
        return Task.CompletedTask;
    }

    protected override Task OnDisconnectAsync(DisconnectContext context)
    {
        log.Add($"lifecycle:disconnect:{InstanceId}:{context.Reason}");
        return Task.CompletedTask;
    }

    protected override Task OnDestroyAsync()
    {
        log.Add($"lifecycle:destroy:{InstanceId}");
        return Task.CompletedTask;
    }
}
