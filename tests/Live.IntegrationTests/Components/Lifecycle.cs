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
    public void SetMode(string mode) => Mode = mode;

    [PublicAction]
    public void Run() => Runs++;

    /// <summary>The connection the component currently answers to.</summary>
    [PublicAction]
    public string WhoAmI() => Connection.ConnectionId;

    protected override Task OnMountAsync(MountContext context)
    {
        MountedWith = context.TryGetProp<string>("greeting", out var greeting) ? greeting : "(none)";
        log.Add($"lifecycle:mount:{InstanceId}");
        if (context.IsRehydrating)
        {
            log.Add($"lifecycle:mount-rehydrating:{InstanceId}:runs={Runs}");
        }

        return Task.CompletedTask;
    }

    protected override Task OnRehydrateAsync(RehydrateContext context)
    {
        log.Add($"lifecycle:rehydrate:{InstanceId}:v{context.Version}:runs={Runs}");
        if (Mode == "refuse-rehydrate")
        {
            throw new InvalidOperationException("This state may not come back.");
        }

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
