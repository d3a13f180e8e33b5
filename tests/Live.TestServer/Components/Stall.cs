namespace Live.TestServer.Components;

public sealed record StallState
{
    public int Entered { get; init; }
}

/// <summary>An action that never completes until its caller disconnects, for request timeouts.</summary>
[LiveComponent]
public sealed partial class Stall : LiveComponent<StallState>
{
    [PublicAction]
    public async Task WaitForeverAsync(CancellationToken cancellationToken) =>
        await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);

    [PublicAction]
    public int Enter() => ++Entered;
}
