using System.Collections.Immutable;

namespace Live.Core.Tests.Diffing.Typed;

/// <summary>
/// Seeded random <see cref="ListShapesState"/>s and edits that keep unchanged items by reference, as an immutable
/// update does, mixed with what the list walk must not be fooled by: items rebuilt equal but as new objects, nulls,
/// repeated keys, items of a derived type, reorders, and long lists where the change sits deep inside.
/// </summary>
internal sealed class RandomListShapes(int seed)
{
    private static readonly string[] Words = ["a", "b", "", "~1", "x/y", "é", "id"];

    private readonly Random random = new(seed);
    private long nextId;

    public ListShapesState State(int size) => new()
    {
        Longs = [.. Many(size, LongItem)],
        Guids = [.. Many(size, GuidItem)],
        Named = [.. Many(size, () => random.Next(8) == 0 ? null : NamedItem())],
        Shorts = [.. Many(size, () => new ShortItem((short)nextId++, random.Next(2) == 0))],
        Bases = [.. Many(size, BaseItem)],
        Ints = [.. Many(size, () => random.Next(6))],
        Doubles = [.. Many(size, Double)],
        LongArray = [.. Many(size, LongItem)],
        PlainArray = [.. Many(size, LongItem)],
    };

    public ListShapesState Edit(ListShapesState state, int edits, int size)
    {
        for (var e = 0; e < edits; e++)
        {
            state = random.Next(10) switch
            {
                0 => state with { Longs = EditList(state.Longs, LongItem, i => i with { Text = Word() }) },
                1 => state with { Guids = EditList(state.Guids, GuidItem, i => i with { Qty = i.Qty + 1 }) },
                2 => state with { Named = EditList(state.Named, () => random.Next(5) == 0 ? null : NamedItem(), i => i is null ? NamedItem() : i with { Id = random.Next(6) == 0 ? null : i.Id, Qty = random.Next(3) }) },
                3 => state with { Shorts = EditList(state.Shorts, () => new ShortItem((short)nextId++, true), i => i with { On = !i.On }) },
                4 => state with { Bases = EditList(state.Bases, BaseItem, i => random.Next(3) == 0 ? new DerivedItem(i.Id, i.Text, random.Next(3)) : i with { Text = Word() }) },
                5 => state with { Ints = EditList(state.Ints, () => random.Next(6), i => i + 1) },
                6 => state with { Doubles = EditList(state.Doubles, Double, _ => Double()) },
                7 => state with { LongArray = [.. EditList(state.LongArray.ToImmutableList(), LongItem, i => i with { Text = Word() })] },
                8 => state with { PlainArray = [.. EditList(state.PlainArray.ToImmutableList(), LongItem, i => i with { Text = Word() })] },
                _ => random.Next(3) == 0 ? State(size) : state with { },
            };
        }

        return state;
    }

    private ImmutableList<T> EditList<T>(ImmutableList<T> list, Func<T> create, Func<T, T> change)
    {
        var edit = random.Next(10);
        if (ListEdits.Common(random, list, edit, create, change) is { } edited)
        {
            return edited;
        }

        var count = list.Count;
        switch (edit)
        {
            case 4 when count > 0:
                return list.Insert(random.Next(count + 1), list[random.Next(count)]); // a repeated key
            case 5 when count > 0:
                return [.. list.Select(i => random.Next(3) == 0 && i is not null ? change(change(i)) : i)];
            case 6:
                return [.. list]; // every item shared, a new list
            case 7:
                return [.. list.Reverse()];
            case 8 when count > 0:
                return list.RemoveAt(random.Next(count)).Add(create());
            default:
                return list.Add(create());
        }
    }

    private IEnumerable<T> Many<T>(int size, Func<T> create) => Enumerable.Range(0, random.Next(size + 1)).Select(_ => create());

    private LongItem LongItem() => new(nextId++ * 1_000_000_007L, Word());

    private GuidItem GuidItem() => new(new Guid((int)nextId++, 0, 0, new byte[8]), random.Next(3));

    private NamedItem NamedItem() => new(random.Next(10) == 0 ? null : "n" + nextId++, random.Next(3));

    private BaseItem BaseItem() => random.Next(6) == 0 ? new DerivedItem((int)nextId++, Word(), 1) : new BaseItem((int)nextId++, Word());

    // 0.0 and -0.0 are equal values with different JSON text.
    private double Double() => random.Next(4) switch
    {
        0 => 0.0,
        1 => -0.0,
        _ => random.Next(5) / 2.0,
    };

    private string Word() => Words[random.Next(Words.Length)];
}
