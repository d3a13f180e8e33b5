namespace Live.TestServer.Components;

public sealed record CounterState
{
    public int Count { get; init; }

    public string Label { get; init; } = "counter";
}

public sealed record Stats(int Count, string Label, IReadOnlyList<int> History);

/// <summary>A per-connection counter: actions of every return shape, optional and typed arguments, and a failure.</summary>
[LiveComponent]
public sealed partial class Counter : LiveComponent<CounterState>
{
    private readonly List<int> history = [];

    [PublicAction]
    public void Increment() => Count++;

    [PublicAction]
    public int Add(int amount)
    {
        Count += amount;
        history.Add(amount);
        return Count;
    }

    [PublicAction]
    public async Task<int> AddLaterAsync(int amount, CancellationToken cancellationToken)
    {
        await Task.Yield();
        cancellationToken.ThrowIfCancellationRequested();
        return Add(amount);
    }

    /// <summary>Returns the previous label.</summary>
    [PublicAction]
    public string Rename(string label)
    {
        var previous = Label;
        Label = label;
        return previous;
    }

    [PublicAction]
    public string Greet(string name = "world", int? times = null) => string.Concat(Enumerable.Repeat($"hello {name};", times ?? 1));

    [PublicAction]
    public Stats Describe() => new(Count, Label, history);

    [PublicAction]
    public int? Nothing() => null;

    /// <summary>Changes the state, then throws: the runtime must put the state back and answer action_failed.</summary>
    [PublicAction]
    public void Fail()
    {
        Count = 999;
        throw new InvalidOperationException("counter exploded on purpose");
    }

    protected override Task OnMountAsync(MountContext context)
    {
        if (context.TryGetProp<int>("start", out var start))
        {
            Count = start;
        }

        if (context.TryGetProp<string>("label", out var label))
        {
            Label = label;
        }

        return Task.CompletedTask;
    }
}
