using System.Collections.Immutable;

namespace Live.Core.Tests.Diffing.Typed;

/// <summary>The list edits every random state generator makes, drawing from the generator's own seeded random.</summary>
internal static class ListEdits
{
    /// <summary>
    /// Edit 0 inserts a new item, 1 removes one, 2 moves one, 3 changes one in place. <see langword="null"/> for any other
    /// edit, or when the list is too short for this one: the caller then makes its own.
    /// </summary>
    public static ImmutableList<T>? Common<T>(Random random, ImmutableList<T> list, int edit, Func<T> create, Func<T, T> change)
    {
        var count = list.Count;
        switch (edit)
        {
            case 0:
                return list.Insert(random.Next(count + 1), create());
            case 1 when count > 0:
                return list.RemoveAt(random.Next(count));
            case 2 when count > 1:
                var from = random.Next(count);
                var item = list[from];
                return list.RemoveAt(from).Insert(random.Next(count), item);
            case 3 when count > 0:
                var at = random.Next(count);
                return list.SetItem(at, change(list[at]));
            default:
                return null;
        }
    }
}
