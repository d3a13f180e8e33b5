namespace Live.TestServer.Components;

public sealed record StallState
{
    public int Entered { get; init; }
}

/// <summary>An action that never completes until it is cancelled, for request timeouts and cancellation.</summary>
[LiveComponent]
public sealed partial class Stall(StallLog log) : LiveComponent<StallState>
{
    [PublicAction]
    public async Task WaitForeverAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            log.Cancelled();
            throw;
        }
    }

    [PublicAction]
    public int Enter() => ++Entered;

    /// <summary>How many <see cref="WaitForeverAsync"/> calls, of any connection, have been cancelled so far.</summary>
    [PublicAction]
    public int Cancellations() => log.Cancellations;
}

/// <summary>Counts cancelled stalls across connections (a DI singleton).</summary>
public sealed class StallLog
{
    private int cancellations;

    public int Cancellations => Volatile.Read(ref cancellations);

    public void Cancelled() => Interlocked.Increment(ref cancellations);
}
