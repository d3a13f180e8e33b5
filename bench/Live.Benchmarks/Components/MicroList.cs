using System.Collections.Immutable;

namespace Live.Benchmarks.Components;

public sealed record MicroItem(int Id, string Text, bool Done);

public sealed record MicroListState
{
    public const int Size = 10_000;

    private static readonly ImmutableList<MicroItem> Seed =
        [.. Enumerable.Range(0, Size).Select(i => new MicroItem(i, $"item {i}", Done: false))];

    public ImmutableList<MicroItem> Items { get; init; } = Seed;
}

/// <summary>The load test's 10,000-item list, for the end-to-end action benchmark.</summary>
[LiveComponent]
public sealed partial class MicroList : LiveComponent<MicroListState>
{
    [PublicAction]
    public void Toggle(int id)
    {
        var item = Items[id];
        Items = Items.SetItem(id, item with { Done = !item.Done });
    }
}
