using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace Live.Core.Tests.Diffing.Typed;

/// <summary>An immutable state with every shape the typed diff walks, and some it hands to the JSON engine.</summary>
public sealed record TypedState
{
    public string Filter { get; init; } = "all";

    public int Count { get; init; }

    public decimal Price { get; init; }

    public string? Note { get; init; }

    public ImmutableList<TypedTodo> Todos { get; init; } = [];

    public ImmutableList<string> Tags { get; init; } = [];

    public ImmutableArray<int> Numbers { get; init; } = [];

    public TypedOwner? Owner { get; init; }

    public ImmutableDictionary<string, int> Scores { get; init; } = ImmutableDictionary<string, int>.Empty;

    public ImmutableList<TypedSku> Skus { get; init; } = [];

    public ImmutableList<TypedOwner?> People { get; init; } = [];

    public TypedColor Color { get; init; }

    [JsonIgnore]
    public string Hidden { get; init; } = "never on the wire";
}

public sealed record TypedTodo(int Id, string Text, bool Done, ImmutableList<string> Labels);

public sealed record TypedOwner(string Name, string? Email);

public sealed record TypedSku([property: LiveKey] string Sku, int Qty);

public enum TypedColor
{
    Red,
    Green,
    Blue,
}

/// <summary>Registers <see cref="TypedState"/> so the generator emits its metadata and immutability flag.</summary>
[LiveComponent]
public sealed partial class TypedDiffComponent : LiveComponent<TypedState>
{
    [PublicAction]
    public void Touch() => Count++;
}

public sealed record MutableState
{
    public List<int> Values { get; init; } = [];
}

/// <summary>A state with a mutable collection: the generator must not mark it immutable.</summary>
[LiveComponent]
public sealed partial class MutableDiffComponent : LiveComponent<MutableState>
{
    [PublicAction]
    public void Touch() => StateHasChanged();
}
