using System.Buffers;
using System.Text.Json;

namespace Live.Diffing;

internal sealed partial class TypedPatchBuilder
{
    /// <summary>
    /// A list by key, exactly as <c>PatchBuilder.TryDiffKeyed</c>: false, having written nothing, when an item is
    /// null (not an object) or keys repeat within the changed middle. Items that are the same object on both sides
    /// have the same key without reading it.
    /// </summary>
    private bool TryDiffKeyed(ref Session session, in ListPair lists, TypedMember key)
    {
        var oldItems = lists.Old;
        var newItems = lists.New;
        if (oldItems.Contains(null) || newItems.Contains(null))
        {
            return false;
        }

        var shorter = Math.Min(oldItems.Length, newItems.Length);
        var prefix = 0;
        while (prefix < shorter && SameKey(ref session, oldItems[prefix], newItems[prefix], key))
        {
            prefix++;
        }

        var suffix = 0;
        while (suffix < shorter - prefix && SameKey(ref session, oldItems[^(1 + suffix)], newItems[^(1 + suffix)], key))
        {
            suffix++;
        }

        // The middle's keys go through their JSON text, so matching is PatchBuilder's own (raw text) matching.
        using var keys = JsonDocument.Parse(KeysJson(ref session, oldItems[prefix..^suffix], newItems[prefix..^suffix], key));
        var oldCount = oldItems.Length - prefix - suffix;
        var keyElements = ArrayPool<JsonElement>.Shared.Rent(oldCount + newItems.Length - prefix - suffix);
        try
        {
            var n = 0;
            foreach (var element in keys.RootElement.EnumerateArray())
            {
                keyElements[n++] = element;
            }

            using var middle = KeyedMiddle.Match(keyElements.AsSpan(0, oldCount), keyElements.AsSpan(oldCount, n - oldCount));
            if (middle is null)
            {
                return false;
            }

            if (KeyedReplaceIsCheaper(ref session, lists, prefix, suffix, middle))
            {
                WriteReplace(ref session, lists.NewValue, lists.Shape);
                return true;
            }

            EmitKeyed(ref session, lists, prefix, suffix, middle);
            return true;
        }
        finally
        {
            ArrayPool<JsonElement>.Shared.Return(keyElements, clearArray: true);
        }
    }

    private static bool SameKey(ref Session session, object? oldItem, object? newItem, TypedMember key) =>
        ReferenceEquals(oldItem, newItem) || LeafOrNullEquals(ref session, key.Get(oldItem!), key.Get(newItem!), key.Shape);

    private static bool LeafOrNullEquals(ref Session session, object? oldValue, object? newValue, TypedShape shape) =>
        oldValue is null || newValue is null ? oldValue is null && newValue is null : LeafEquals(ref session, oldValue, newValue, shape);

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

    private static bool KeyedReplaceIsCheaper(ref Session session, in ListPair lists, int prefix, int suffix, KeyedMiddle middle)
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
        var oldSuffixStart = oldItems.Length - suffix;
        var newSuffixStart = newItems.Length - suffix;
        for (var j = 0; j < newItems.Length; j++)
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
    private void EmitKeyed(ref Session session, in ListPair lists, int prefix, int suffix, KeyedMiddle middle)
    {
        var oldItems = lists.Old;
        var newItems = lists.New;
        var element = lists.Element;
        var basePath = session.Path.Length;
        for (var i = 0; i < prefix; i++)
        {
            DiffItemAt(ref session, i, oldItems[i], newItems[i], element, basePath);
        }

        for (var k = 1; k <= suffix; k++)
        {
            DiffItemAt(ref session, oldItems.Length - k, oldItems[^k], newItems[^k], element, basePath);
        }

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
}
