using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace Live.Diffing;

internal sealed partial class PatchBuilder
{
    // Reordering simulates the middle of the list in an int array (O(middle) per move). Past this much work the
    // patch would be mostly moves anyway, so the list is replaced whole instead.
    private const long MaxMoveWork = 1L << 24;

    /// <summary>The key member of a list: the first configured name present in its first item.</summary>
    private bool TryGetKeyName(ReadOnlySpan<JsonElement> oldItems, ReadOnlySpan<JsonElement> newItems, out byte[] keyName)
    {
        keyName = [];
        var first = oldItems.Length > 0 ? oldItems[0] : newItems.Length > 0 ? newItems[0] : default;
        if (first.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        foreach (var name in Options.Utf8KeyNames)
        {
            if (first.TryGetProperty(name, out _))
            {
                keyName = name;
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Diffs a list by key; returns false, having written nothing, when some item lacks the key or keys repeat
    /// within the changed middle (the caller then diffs by position).
    /// </summary>
    private bool TryDiffKeyed(ref Session session, JsonElement newArray, ReadOnlySpan<JsonElement> oldItems, ReadOnlySpan<JsonElement> newItems, byte[] keyName)
    {
        var oldKeysArray = ArrayPool<JsonElement>.Shared.Rent(oldItems.Length);
        var newKeysArray = ArrayPool<JsonElement>.Shared.Rent(newItems.Length);
        try
        {
            var oldKeys = oldKeysArray.AsSpan(0, oldItems.Length);
            var newKeys = newKeysArray.AsSpan(0, newItems.Length);
            if (!TryCollectKeys(oldItems, keyName, oldKeys) || !TryCollectKeys(newItems, keyName, newKeys))
            {
                return false;
            }

            var shorter = Math.Min(oldItems.Length, newItems.Length);
            var prefix = 0;
            while (prefix < shorter && RawEquals(oldKeys[prefix], newKeys[prefix]))
            {
                prefix++;
            }

            var suffix = 0;
            while (suffix < shorter - prefix && RawEquals(oldKeys[oldKeys.Length - 1 - suffix], newKeys[newKeys.Length - 1 - suffix]))
            {
                suffix++;
            }

            using var middle = KeyedMiddle.Match(oldKeys[prefix..^suffix], newKeys[prefix..^suffix]);
            if (middle is null)
            {
                return false;
            }

            if (IsCheaperToReplace(ref session, newArray, oldItems, newItems, prefix, suffix, middle))
            {
                WriteReplace(ref session, newArray);
                return true;
            }

            EmitKeyed(ref session, oldItems, newItems, prefix, suffix, middle);
            return true;
        }
        finally
        {
            ArrayPool<JsonElement>.Shared.Return(oldKeysArray, clearArray: true);
            ArrayPool<JsonElement>.Shared.Return(newKeysArray, clearArray: true);
        }
    }

    private static bool TryCollectKeys(ReadOnlySpan<JsonElement> items, byte[] keyName, Span<JsonElement> keys)
    {
        for (var i = 0; i < items.Length; i++)
        {
            if (items[i].ValueKind != JsonValueKind.Object || !items[i].TryGetProperty(keyName, out keys[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsCheaperToReplace(
        ref Session session, JsonElement newArray, ReadOnlySpan<JsonElement> oldItems, ReadOnlySpan<JsonElement> newItems,
        int prefix, int suffix, KeyedMiddle middle)
    {
        if ((long)middle.MoveCount * (middle.NewToOld.Length + 1) > MaxMoveWork)
        {
            return true;
        }

        var itemPath = session.Path.Length + IndexSegmentEstimate;
        long estimate = ((long)middle.RemoveCount * (RemoveOverhead + itemPath)) + ((long)middle.MoveCount * (MoveOverhead + (2 * itemPath)));
        var newArrayCost = ReplaceOverhead + session.Path.Length + RawLength(newArray);
        var oldSuffixStart = oldItems.Length - suffix;
        var newSuffixStart = newItems.Length - suffix;
        for (var j = 0; j < newItems.Length && estimate < newArrayCost; j++)
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
                    estimate += AddOverhead + itemPath + RawLength(newItems[j]);
                    continue;
                }

                oldIndex = prefix + inMiddle;
            }

            // A changed item is counted as if replaced whole: an upper bound of its own diff.
            if (!RawEquals(oldItems[oldIndex], newItems[j]))
            {
                estimate += ReplaceOverhead + itemPath + RawLength(newItems[j]);
            }
        }

        return estimate >= newArrayCost;
    }

    private void EmitKeyed(ref Session session, ReadOnlySpan<JsonElement> oldItems, ReadOnlySpan<JsonElement> newItems, int prefix, int suffix, KeyedMiddle middle)
    {
        var basePath = session.Path.Length;

        // 1. Items that keep their place: diff them first, while every index is still the old one.
        for (var i = 0; i < prefix; i++)
        {
            DiffItemAt(ref session, i, oldItems[i], newItems[i], basePath);
        }

        for (var k = 1; k <= suffix; k++)
        {
            DiffItemAt(ref session, oldItems.Length - k, oldItems[^k], newItems[^k], basePath);
        }

        // 2. Removed items, highest index first so the indices still to come stay valid.
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

        // 3. Build the new middle from right to left: each new or displaced item goes right before its successor;
        //    items on a longest increasing run of old positions (middle.Stable) never move.
        foreach (var step in middle.PlanInsertsAndMoves(atEnd: suffix == 0))
        {
            if (step.IsInsert)
            {
                session.Path.AppendInsertPosition(prefix + step.To, step.Appending);
                WriteAdd(ref session, newItems[prefix + step.NewIndex]);
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
                DiffItemAt(ref session, prefix + j, oldItems[prefix + newToOld[j]], newItems[prefix + j], basePath);
            }
        }
    }

    private void DiffItemAt(ref Session session, int index, JsonElement oldItem, JsonElement newItem, int basePath)
    {
        if (RawEquals(oldItem, newItem))
        {
            return;
        }

        session.Path.AppendIndex(index);
        DiffDifferentValues(ref session, oldItem, newItem);
        session.Path.Truncate(basePath);
    }
}
