using System.Collections.Immutable;

namespace Live.IntegrationTests.Components;

public sealed record BigListState
{
    public ImmutableList<BigListItem> Items { get; init; } = [];
}

public sealed record BigListItem(Guid Id, string Text, bool Done);

/// <summary>A 10,000-item keyed list, to check that one change sends a patch for that item only.</summary>
[LiveComponent]
public sealed partial class BigList : LiveComponent<BigListState>
{
    protected override BigListState CreateInitialState() => new()
    {
        Items = [.. Enumerable.Range(0, 10_000).Select(i => new BigListItem(new Guid(i, 0, 0, new byte[8]), $"item {i}", false))],
    };

    [PublicAction]
    public void Toggle(int index) => Items = Items.SetItem(index, Items[index] with { Done = !Items[index].Done });

    [PublicAction]
    public void InsertAt(int index, string text) => Items = Items.Insert(index, new BigListItem(Guid.NewGuid(), text, false));

    [PublicAction]
    public void RemoveAt(int index) => Items = Items.RemoveAt(index);
}
