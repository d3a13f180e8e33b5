using System.Collections.Immutable;

namespace Live.Core.Tests.Diffing.Typed;

/// <summary>
/// Lists of every kind the typed list walk reads differently: keys of each type it matches as values (long, Guid,
/// string with nulls) and one it matches through JSON text (short), an unsealed item type whose items may be of a
/// derived type, value-type items, and an <c>ImmutableArray</c> and a plain array of objects.
/// </summary>
public sealed record ListShapesState
{
    public ImmutableList<LongItem> Longs { get; init; } = [];

    public ImmutableList<GuidItem> Guids { get; init; } = [];

    public ImmutableList<NamedItem?> Named { get; init; } = [];

    public ImmutableList<ShortItem> Shorts { get; init; } = [];

    public ImmutableList<BaseItem> Bases { get; init; } = [];

    public ImmutableList<int> Ints { get; init; } = [];

    public ImmutableList<double> Doubles { get; init; } = [];

    public ImmutableArray<LongItem> LongArray { get; init; } = [];

    public LongItem[] PlainArray { get; init; } = [];
}

public sealed record LongItem(long Id, string Text);

public sealed record GuidItem(Guid Id, int Qty);

public sealed record NamedItem(string? Id, int Qty);

public sealed record ShortItem(short Id, bool On);

public record BaseItem(int Id, string Text);

public sealed record DerivedItem(int Id, string Text, int Extra) : BaseItem(Id, Text);

/// <summary>Registers <see cref="ListShapesState"/> so the generator emits its metadata.</summary>
[LiveComponent]
public sealed partial class ListShapesComponent : LiveComponent<ListShapesState>
{
    [PublicAction]
    public void Touch() => StateHasChanged();
}
