namespace Live.Benchmarks.Components;

public sealed record MicroCounterState
{
    public int Count { get; init; }

    public string Label { get; init; } = "counter";
}

/// <summary>A small per-connection component for the dispatch benchmarks.</summary>
[LiveComponent]
public sealed partial class MicroCounter : LiveComponent<MicroCounterState>
{
    [PublicAction]
    public void Increment() => Count++;

    [PublicAction]
    public int Add(int amount)
    {
        Count += amount;
        return Count;
    }
}
