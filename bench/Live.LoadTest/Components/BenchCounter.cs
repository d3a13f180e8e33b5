namespace Live.LoadTest.Components;

public sealed record BenchCounterState
{
    public int Count { get; init; }
}

/// <summary>The <c>actions</c> and <c>idle</c> scenarios: one per connection, one increment per round trip.</summary>
[LiveComponent]
public sealed partial class BenchCounter : LiveComponent<BenchCounterState>
{
    [PublicAction]
    public void Increment() => Count++;
}
