using System.Collections.Immutable;

namespace Live.Core.Tests.Diffing.Typed;

/// <summary>
/// Seeded random <see cref="TypedState"/>s and random edits of them that keep unchanged parts by reference, the way
/// an action written with <c>with</c> and immutable collections does: inserts, removes, moves, nested changes,
/// nulls, repeated keys, and values rebuilt equal but as new objects.
/// </summary>
internal sealed class RandomTypedStates(int seed)
{
    private static readonly string[] Words = ["milk", "a/b", "~", "~1", "x~0/y", "", "é", "tea", "q\"", "/", "id", "-", "0"];

    private readonly Random random = new(seed);
    private int nextId;

    public TypedState State(int size) => new()
    {
        Filter = Word(),
        Count = random.Next(-5, 100),
        Price = Price(),
        Note = random.Next(3) == 0 ? null : Word(),
        Todos = [.. Enumerable.Range(0, random.Next(size + 1)).Select(_ => Todo())],
        Tags = [.. Enumerable.Range(0, random.Next(size + 1)).Select(_ => Word())],
        Numbers = [.. Enumerable.Range(0, random.Next(size + 1)).Select(_ => random.Next(5))],
        Owner = random.Next(3) == 0 ? null : Owner(),
        Scores = Enumerable.Range(0, random.Next(size / 2 + 1)).Select(_ => Word()).Distinct().ToImmutableDictionary(w => w, _ => random.Next(9)),
        Skus = [.. Enumerable.Range(0, random.Next(size + 1)).Select(_ => new TypedSku("s" + nextId++, random.Next(4)))],
        People = [.. Enumerable.Range(0, random.Next(size / 2 + 1)).Select(_ => random.Next(3) == 0 ? null : Owner())],
        Color = (TypedColor)random.Next(3),
    };

    public TypedState Edit(TypedState state, int edits, int size)
    {
        for (var e = 0; e < edits; e++)
        {
            state = random.Next(16) switch
            {
                0 => state with { Filter = Word() },
                1 => state with { Count = state.Count + random.Next(-1, 2), Color = (TypedColor)random.Next(3) },
                2 => state with { Price = Price(), Note = random.Next(2) == 0 ? null : Word() },
                3 or 4 or 5 => state with { Todos = EditKeyed(state.Todos, Todo, EditTodo) },
                6 => state with { Tags = EditPositional(state.Tags, Word) },
                7 => state with { Numbers = [.. EditPositional(state.Numbers.ToImmutableList(), () => random.Next(5))] },
                8 => state with { Owner = random.Next(3) == 0 ? null : state.Owner is { } o && random.Next(2) == 0 ? o with { Email = random.Next(2) == 0 ? null : Word() } : Owner() },
                9 => state with { Scores = EditScores(state.Scores) },
                10 or 11 => state with { Skus = EditKeyed(state.Skus, () => new TypedSku("s" + nextId++, random.Next(4)), s => s with { Qty = random.Next(4) }) },
                12 => state with { People = EditPositional(state.People, () => random.Next(3) == 0 ? null : Owner()) },
                13 => state with { Todos = [.. state.Todos.Select(t => random.Next(4) == 0 ? t with { } : t)] }, // equal values, new objects
                14 => state with { }, // a new root, nothing changed
                _ => random.Next(4) == 0 ? State(size) : state with { Todos = [.. state.Todos.Reverse()] },
            };
        }

        return state;
    }

    private ImmutableList<T> EditKeyed<T>(ImmutableList<T> list, Func<T> create, Func<T, T> change)
    {
        var edit = random.Next(7);
        if (ListEdits.Common(random, list, edit, create, change) is { } edited)
        {
            return edited;
        }

        var count = list.Count;
        switch (edit)
        {
            case 4 when count > 0 && random.Next(4) == 0:
                return list.Add(list[random.Next(count)]); // a repeated key: the diff falls back to positions
            case 5:
                return list.Add(create());
            default:
                return count > 0 ? list.SetItem(0, change(list[0])) : list;
        }
    }

    private ImmutableList<T> EditPositional<T>(ImmutableList<T> list, Func<T> create)
    {
        var count = list.Count;
        return random.Next(4) switch
        {
            0 => list.Insert(random.Next(count + 1), create()),
            1 when count > 0 => list.RemoveAt(random.Next(count)),
            2 when count > 0 => list.SetItem(random.Next(count), create()),
            _ => list.Add(create()),
        };
    }

    private ImmutableDictionary<string, int> EditScores(ImmutableDictionary<string, int> scores)
    {
        var word = Word();
        return random.Next(3) switch
        {
            0 => scores.Remove(scores.Keys.FirstOrDefault() ?? word),
            1 => scores.SetItem(word, random.Next(9)),
            _ => scores.SetItem(scores.Keys.LastOrDefault() ?? word, random.Next(9)),
        };
    }

    private TypedTodo Todo() => new(nextId++, Word(), random.Next(2) == 0, [.. Enumerable.Range(0, random.Next(3)).Select(_ => Word())]);

    private TypedTodo EditTodo(TypedTodo todo) => random.Next(3) switch
    {
        0 => todo with { Done = !todo.Done },
        1 => todo with { Text = Word() },
        _ => todo with { Labels = EditPositional(todo.Labels, Word) },
    };

    private TypedOwner Owner() => new(Word(), random.Next(2) == 0 ? null : Word());

    // Decimals that are equal but written differently (1.0 and 1.00) must still count as a change.
    private decimal Price() => random.Next(4) switch
    {
        0 => 1.0m,
        1 => 1.00m,
        2 => 0m,
        _ => random.Next(100) / 10m,
    };

    private string Word() => Words[random.Next(Words.Length)];
}
