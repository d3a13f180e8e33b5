using System.Collections.Immutable;

namespace Live.LoadTest.Components;

public sealed record BenchItem(int Id, string Text, bool Done);

public sealed record BenchListState
{
    /// <summary>The number of items every list starts with.</summary>
    public const int Size = 10_000;

    // Shared by every new instance: the list is immutable, so starting from the same one costs nothing.
    private static readonly ImmutableList<BenchItem> Seed =
        [.. Enumerable.Range(0, Size).Select(i => new BenchItem(i, $"item {i}", Done: false))];

    public ImmutableList<BenchItem> Items { get; init; } = Seed;
}

/// <summary>The <c>large-list</c> scenario: a 10,000-item keyed list, one item toggled per action.</summary>
[LiveComponent]
public sealed partial class BenchList : LiveComponent<BenchListState>
{
    [PublicAction]
    public void Toggle(int id)
    {
        var item = Items[id];
        Items = Items.SetItem(id, item with { Done = !item.Done });
    }
}
