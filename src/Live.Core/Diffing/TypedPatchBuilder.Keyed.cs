using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Live.Diffing;

internal sealed partial class TypedPatchBuilder
{
    /// <summary>
    /// A list by key, exactly as <c>PatchBuilder.TryDiffKeyed</c>: false, having written nothing, when an item is
    /// null (not an object) or keys repeat within the changed middle. Items that are the same object on both sides
    /// have the same key without reading it, and the shared prefix and suffix (<see cref="ListPair"/>) are skipped.
    /// </summary>
    private bool TryDiffKeyed(ref Session session, in ListPair lists, TypedMember key)
    {
        if (lists.HasNull)
        {
            return false;
        }

        var oldItems = lists.Old;
        var newItems = lists.New;
        var shorter = Math.Min(oldItems.Length, newItems.Length);
        var prefix = lists.SharedPrefix;
        while (prefix < shorter && SameKey(ref session, oldItems[prefix], newItems[prefix], key))
        {
            prefix++;
        }

        var sharedSuffix = lists.SharedSuffixWithin(shorter - prefix);
        var suffix = sharedSuffix;
        while (suffix < shorter - prefix && SameKey(ref session, oldItems[^(1 + suffix)], newItems[^(1 + suffix)], key))
        {
            suffix++;
        }

        using var middle = MatchMiddle(ref session, oldItems[prefix..^suffix], newItems[prefix..^suffix], key);
        if (middle is null)
        {
            return false;
        }

        var ends = new KeyedEnds(prefix, suffix, lists.SharedPrefix, sharedSuffix);
        if (KeyedReplaceIsCheaper(ref session, lists, ends, middle))
        {
            WriteReplace(ref session, lists.NewValue, lists.Shape);
            return true;
        }

        EmitKeyed(ref session, lists, ends, middle);
        return true;
    }

    private static bool SameKey(ref Session session, object? oldItem, object? newItem, TypedMember key) =>
        ReferenceEquals(oldItem, newItem) || LeafOrNullEquals(ref session, key.Get(oldItem!), key.Get(newItem!), key.Shape);

    private static bool LeafOrNullEquals(ref Session session, object? oldValue, object? newValue, TypedShape shape) =>
        oldValue is null || newValue is null ? oldValue is null && newValue is null : LeafEquals(ref session, oldValue, newValue, shape);

    /// <summary>
    /// Matches the middles by key; null when a key repeats on either side. Keys of a type whose built-in converter
    /// writes equal values as equal text and unequal ones as unequal text (<see cref="int"/>, <see cref="long"/>,
    /// <see cref="string"/>, <see cref="Guid"/>) are matched as values; any other key goes through its JSON text, so
    /// matching is PatchBuilder's own (raw text) matching either way.
    /// </summary>
    private static KeyedMiddle? MatchMiddle(ref Session session, ReadOnlySpan<object?> oldMiddle, ReadOnlySpan<object?> newMiddle, TypedMember key)
    {
        var info = key.Shape.Info;
        if (info.Converter.GetType().Assembly == typeof(JsonSerializer).Assembly)
        {
            KeyedMiddle? middle = null;
            var matched = info.Type == typeof(int) ? TryMatchAsValues<int>(oldMiddle, newMiddle, key, out middle)
                : info.Type == typeof(long) ? TryMatchAsValues<long>(oldMiddle, newMiddle, key, out middle)
                : info.Type == typeof(string) ? TryMatchAsValues<string>(oldMiddle, newMiddle, key, out middle)
                : info.Type == typeof(Guid) && TryMatchAsValues<Guid>(oldMiddle, newMiddle, key, out middle);
            if (matched)
            {
                return middle;
            }
        }

        using var keys = JsonDocument.Parse(KeysJson(ref session, oldMiddle, newMiddle, key));
        var keyElements = ArrayPool<JsonElement>.Shared.Rent(oldMiddle.Length + newMiddle.Length);
        try
        {
            var n = 0;
            foreach (var element in keys.RootElement.EnumerateArray())
            {
                keyElements[n++] = element;
            }

            return KeyedMiddle.Match(keyElements.AsSpan(0, oldMiddle.Length), keyElements.AsSpan(oldMiddle.Length, n - oldMiddle.Length));
        }
        finally
        {
            ArrayPool<JsonElement>.Shared.Return(keyElements, clearArray: true);
        }
    }

    /// <summary>Reads the middles' keys as <typeparamref name="TKey"/> values; false (nothing matched) when one is null.</summary>
    private static bool TryMatchAsValues<TKey>(ReadOnlySpan<object?> oldMiddle, ReadOnlySpan<object?> newMiddle, TypedMember key, out KeyedMiddle? middle)
        where TKey : notnull
    {
        middle = null;
        var keys = ArrayPool<TKey>.Shared.Rent(oldMiddle.Length + newMiddle.Length);
        var n = 0;
        try
        {
            foreach (var item in oldMiddle)
            {
                if (key.Get(item!) is not TKey value)
                {
                    return false;
                }

                keys[n++] = value;
            }

            foreach (var item in newMiddle)
            {
                if (key.Get(item!) is not TKey value)
                {
                    return false;
                }

                keys[n++] = value;
            }

            middle = KeyedMiddle.Match<TKey>(keys.AsSpan(0, oldMiddle.Length), keys.AsSpan(oldMiddle.Length, newMiddle.Length));
            return true;
        }
        finally
        {
            if (RuntimeHelpers.IsReferenceOrContainsReferences<TKey>())
            {
                Array.Clear(keys, 0, n);
            }

            ArrayPool<TKey>.Shared.Return(keys);
        }
    }

    /// <summary>The keys of the old then the new middle, as one JSON array.</summary>
    private static byte[] KeysJson(ref Session session, ReadOnlySpan<object?> oldMiddle, ReadOnlySpan<object?> newMiddle, TypedMember key)
    {
        var buffer = new ArrayBufferWriter<byte>(16 + (16 * (oldMiddle.Length + newMiddle.Length)));
        using (var writer = new Utf8JsonWriter(buffer, session.WriterOptions))
        {
            writer.WriteStartArray();
            foreach (var item in oldMiddle)
            {
                JsonSerializer.Serialize(writer, key.Get(item!), key.Shape.Info);
            }

            foreach (var item in newMiddle)
            {
                JsonSerializer.Serialize(writer, key.Get(item!), key.Shape.Info);
            }

            writer.WriteEndArray();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static bool KeyedReplaceIsCheaper(ref Session session, in ListPair lists, KeyedEnds ends, KeyedMiddle middle)
    {
        if ((long)middle.MoveCount * (middle.NewToOld.Length + 1) > MaxMoveWork)
        {
            return true;
        }

        var oldItems = lists.Old;
        var newItems = lists.New;
        var element = lists.Element;
        var itemPath = session.Path.Length + PatchBuilder.IndexSegmentEstimate;
        long estimate = ((long)middle.RemoveCount * (PatchBuilder.RemoveOverhead + itemPath))
            + ((long)middle.MoveCount * (PatchBuilder.MoveOverhead + (2 * itemPath)));
        var prefix = ends.Prefix;
        var oldSuffixStart = oldItems.Length - ends.Suffix;
        var newSuffixStart = newItems.Length - ends.Suffix;

        // Items of the shared prefix and suffix are the same object at their place: equal, nothing to estimate.
        for (var j = ends.SharedPrefix; j < newItems.Length - ends.SharedSuffix; j++)
        {
            int oldIndex;
            if (j < prefix)
            {
                oldIndex = j;
            }
            else if (j >= newSuffixStart)
            {
                oldIndex = oldSuffixStart + (j - newSuffixStart);
            }
            else
            {
                var inMiddle = middle.NewToOld[j - prefix];
                if (inMiddle < 0)
                {
                    estimate += PatchBuilder.AddOverhead + itemPath + SerializedLength(ref session, newItems[j], element);
                    continue;
                }

                oldIndex = prefix + inMiddle;
            }

            if (!ValuesEqual(ref session, oldItems[oldIndex], newItems[j], element))
            {
                estimate += PatchBuilder.ReplaceOverhead + itemPath + SerializedLength(ref session, newItems[j], element);
            }
        }

        return ReplaceIsCheaper(ref session, estimate, lists);
    }

    /// <summary>The ops of a keyed list in PatchBuilder's order (<c>PatchBuilder.EmitKeyed</c> explains each step).</summary>
    private void EmitKeyed(ref Session session, in ListPair lists, KeyedEnds ends, KeyedMiddle middle)
    {
        var oldItems = lists.Old;
        var newItems = lists.New;
        var element = lists.Element;
        var basePath = session.Path.Length;
        var (prefix, suffix) = (ends.Prefix, ends.Suffix);

        // 1. The prefix and suffix, each item diffed in place; the shared ones (same object) have no op.
        for (var i = ends.SharedPrefix; i < prefix; i++)
        {
            DiffItemAt(ref session, i, oldItems[i], newItems[i], element, basePath);
        }

        for (var k = ends.SharedSuffix + 1; k <= suffix; k++)
        {
            DiffItemAt(ref session, oldItems.Length - k, oldItems[^k], newItems[^k], element, basePath);
        }

        // 2. Removed items of the middle, from the highest index down.
        var oldToNew = middle.OldToNew;
        for (var i = oldToNew.Length - 1; i >= 0; i--)
        {
            if (oldToNew[i] < 0)
            {
                session.Path.AppendIndex(prefix + i);
                WriteRemove(ref session);
                session.Path.Truncate(basePath);
            }
        }

        // 3. Build the new middle (KeyedMiddle.PlanInsertsAndMoves explains the order).
        foreach (var step in middle.PlanInsertsAndMoves(atEnd: suffix == 0))
        {
            if (step.IsInsert)
            {
                session.Path.AppendInsertPosition(prefix + step.To, step.Appending);
                WriteAdd(ref session, newItems[prefix + step.NewIndex], element);
                session.Path.Truncate(basePath);
            }
            else
            {
                WriteMove(ref session, prefix + step.From, prefix + step.To);
            }
        }

        // 4. Matched items of the middle are now at their final index; diff their content there.
        var newToOld = middle.NewToOld;
        for (var j = 0; j < newToOld.Length; j++)
        {
            if (newToOld[j] >= 0)
            {
                DiffItemAt(ref session, prefix + j, oldItems[prefix + newToOld[j]], newItems[prefix + j], element, basePath);
            }
        }
    }

    private void DiffItemAt(ref Session session, int index, object? oldItem, object? newItem, TypedShape element, int basePath)
    {
        if (ReferenceEquals(oldItem, newItem))
        {
            return;
        }

        session.Path.AppendIndex(index);
        DiffValue(ref session, oldItem, newItem, element);
        session.Path.Truncate(basePath);
    }

    /// <summary>
    /// The ends of a keyed list around its middle: the prefix and suffix of same keys, and within them the items that
    /// are the same object on both sides (counted from the outside), which need neither an estimate nor a diff.
    /// </summary>
    private readonly record struct KeyedEnds(int Prefix, int Suffix, int SharedPrefix, int SharedSuffix);
}
