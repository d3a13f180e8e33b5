namespace Live.IntegrationTests.Components;

public sealed record CounterState
{
    public int Count { get; init; }

    public string Label { get; init; } = "counter";
}

public sealed record EchoItem(string Name, int Quantity, IReadOnlyList<string> Tags);

/// <summary>A per-connection component exercising every action shape.</summary>
[LiveComponent]
public sealed partial class Counter : LiveComponent<CounterState>
{
    [PublicAction]
    public void Increment() => Count++;

    [PublicAction]
    public int Add(int amount)
    {
        Count += amount;
        return Count;
    }

    [PublicAction]
    public async Task<int> AddLaterAsync(int amount)
    {
        await Task.Yield();
        Count += amount;
        return Count;
    }

    [PublicAction]
    public async ValueTask RenameAsync(string label, CancellationToken cancellationToken)
    {
        await Task.Yield();
        cancellationToken.ThrowIfCancellationRequested();
        Label = label;
    }

    [PublicAction]
    public string Greet(string name = "world", int? times = null) => string.Concat(Enumerable.Repeat($"hello {name};", times ?? 1));

    [PublicAction]
    public IReadOnlyList<EchoItem> Echo(IReadOnlyList<EchoItem> items) => items;

    [PublicAction]
    public void Fail()
    {
        Count = 999;
        throw new InvalidOperationException("secret-internal-detail");
    }

    [PublicAction]
    public void NoOp()
    {
    }
}
