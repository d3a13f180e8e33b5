namespace Live.IntegrationTests.Components;

public sealed record GateState
{
    public int Passed { get; init; }
}

/// <summary>An action that waits until the test opens the gate, to hold a request in progress.</summary>
[LiveComponent]
public sealed partial class Gate(GateKeeper keeper, HookLog log) : LiveComponent<GateState>
{
    [PublicAction]
    public async Task PassAsync(CancellationToken cancellationToken)
    {
        keeper.Entered();
        try
        {
            await keeper.Opened.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            log.Add("gate:canceled");
            throw;
        }

        Passed++;
    }

    protected override Task OnDestroyAsync()
    {
        log.Add($"gate:destroy:{InstanceId}");
        return Task.CompletedTask;
    }
}

public sealed class GateKeeper
{
    private readonly TaskCompletionSource opened = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource entered = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Opened => opened.Task;

    public Task HasEntered => entered.Task;

    public void Entered() => entered.TrySetResult();

    public void Open() => opened.TrySetResult();
}
