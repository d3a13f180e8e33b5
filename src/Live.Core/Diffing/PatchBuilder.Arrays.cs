using System.Buffers;
using System.Text.Json;

namespace Live.Diffing;

internal sealed partial class PatchBuilder
{
    private void DiffArrays(ref Session session, JsonElement oldArray, JsonElement newArray)
    {
        // JsonElement's indexer walks the array for items that are objects or arrays, so copy the items out once.
        var oldLength = oldArray.GetArrayLength();
        var newLength = newArray.GetArrayLength();
        var oldItems = ArrayPool<JsonElement>.Shared.Rent(oldLength);
        var newItems = ArrayPool<JsonElement>.Shared.Rent(newLength);
        try
        {
            Fill(oldArray, oldItems);
            Fill(newArray, newItems);
            var oldSpan = oldItems.AsSpan(0, oldLength);
            var newSpan = newItems.AsSpan(0, newLength);

            if (TryGetKeyName(oldSpan, newSpan, out var keyName) && TryDiffKeyed(ref session, newArray, oldSpan, newSpan, keyName))
            {
                return;
            }

            DiffPositional(ref session, newArray, oldSpan, newSpan);
        }
        finally
        {
            ArrayPool<JsonElement>.Shared.Return(oldItems, clearArray: true);
            ArrayPool<JsonElement>.Shared.Return(newItems, clearArray: true);
        }
    }

    private static void Fill(JsonElement array, JsonElement[] items)
    {
        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            items[i++] = item;
        }
    }

    /// <summary>
    /// Position by position: trim the equal prefix and suffix, diff the overlapping middle in place, then add or
    /// remove the length difference. If the estimated ops outweigh the new array, replace the array instead.
    /// </summary>
    private void DiffPositional(ref Session session, JsonElement newArray, ReadOnlySpan<JsonElement> oldItems, ReadOnlySpan<JsonElement> newItems)
    {
        var shorter = Math.Min(oldItems.Length, newItems.Length);
        var prefix = 0;
        while (prefix < shorter && RawEquals(oldItems[prefix], newItems[prefix]))
        {
            prefix++;
        }

        var suffix = 0;
        while (suffix < shorter - prefix && RawEquals(oldItems[oldItems.Length - 1 - suffix], newItems[newItems.Length - 1 - suffix]))
        {
            suffix++;
        }

        var oldMiddle = oldItems.Length - prefix - suffix;
        var newMiddle = newItems.Length - prefix - suffix;
        var overlap = Math.Min(oldMiddle, newMiddle);

        // Cost estimate in bytes. A changed item is counted as if replaced whole: an upper bound of its own diff.
        var itemPath = session.Path.Length + IndexSegmentEstimate;
        long estimate = 0;
        for (var k = 0; k < overlap; k++)
        {
            if (!RawEquals(oldItems[prefix + k], newItems[prefix + k]))
            {
                estimate += ReplaceOverhead + itemPath + RawLength(newItems[prefix + k]);
            }
        }

        for (var k = overlap; k < newMiddle; k++)
        {
            estimate += AddOverhead + itemPath + RawLength(newItems[prefix + k]);
        }

        estimate += (long)(oldMiddle - overlap) * (RemoveOverhead + itemPath);
        if (estimate >= ReplaceOverhead + session.Path.Length + RawLength(newArray))
        {
            WriteReplace(ref session, newArray);
            return;
        }

        var basePath = session.Path.Length;
        for (var k = 0; k < overlap; k++)
        {
            // Trimming only proves the first and last items of the overlap differ; equal ones in between emit nothing.
            session.Path.AppendIndex(prefix + k);
            DiffValue(ref session, oldItems[prefix + k], newItems[prefix + k]);
            session.Path.Truncate(basePath);
        }

        for (var k = overlap; k < newMiddle; k++)
        {
            session.Path.AppendInsertPosition(prefix + k, appending: suffix == 0);
            WriteAdd(ref session, newItems[prefix + k]);
            session.Path.Truncate(basePath);
        }

        // Highest index first, so each remove leaves the indices of the ones still to come unchanged.
        for (var k = oldMiddle - 1; k >= overlap; k--)
        {
            session.Path.AppendIndex(prefix + k);
            WriteRemove(ref session);
            session.Path.Truncate(basePath);
        }
    }
}
