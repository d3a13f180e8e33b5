using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace Live.Diffing;

/// <summary>
/// The changed middle of a keyed list: which old item each new item is (by key), which old items are gone, and
/// which matched items can stay where they are (a longest run whose old order is increasing).
/// </summary>
internal sealed partial class KeyedMiddle : IDisposable
{
    // Middles up to this many old × new items are matched by comparing keys pairwise; larger ones use a dictionary.
    private const int PairwiseMatchLimit = 64;

    private readonly int[] _newToOld;
    private readonly int[] _oldToNew;
    private readonly bool[] _stable;
    private readonly int _newLength;
    private readonly int _oldLength;

    private KeyedMiddle(int oldLength, int newLength)
    {
        _oldLength = oldLength;
        _newLength = newLength;
        _newToOld = ArrayPool<int>.Shared.Rent(newLength);
        _oldToNew = ArrayPool<int>.Shared.Rent(oldLength);
        _stable = ArrayPool<bool>.Shared.Rent(newLength);
        NewToOld.Fill(-1);
        OldToNew.Fill(-1);
        Stable.Clear();
    }

    /// <summary>For each new-middle item, the old-middle index with the same key, or -1 for an inserted item.</summary>
    public Span<int> NewToOld => _newToOld.AsSpan(0, _newLength);

    /// <summary>For each old-middle item, the new-middle index with the same key, or -1 for a removed item.</summary>
    public Span<int> OldToNew => _oldToNew.AsSpan(0, _oldLength);

    public Span<bool> Stable => _stable.AsSpan(0, _newLength);

    public int RemoveCount { get; private set; }

    public int MoveCount { get; private set; }

    /// <summary>Matches the middles by key; null when a key repeats on either side.</summary>
    public static KeyedMiddle? Match(ReadOnlySpan<JsonElement> oldKeys, ReadOnlySpan<JsonElement> newKeys)
    {
        var middle = new KeyedMiddle(oldKeys.Length, newKeys.Length);
        var matched = (long)oldKeys.Length * newKeys.Length <= PairwiseMatchLimit
            ? middle.MatchPairwise(oldKeys, newKeys)
            : middle.MatchWithDictionary(oldKeys, newKeys);
        if (!matched)
        {
            middle.Dispose();
            return null;
        }

        middle.Complete();
        return middle;
    }

    /// <summary>Counts the removed items and marks the stable run, once <see cref="NewToOld"/> and <see cref="OldToNew"/> are filled.</summary>
    private void Complete()
    {
        var removed = 0;
        foreach (var target in OldToNew)
        {
            if (target < 0)
            {
                removed++;
            }
        }

        RemoveCount = removed;
        MarkStable();
    }

    /// <summary>
    /// The inserts and moves that build the new middle from the old one once removed items are gone, right to left:
    /// each new or displaced item goes right before its successor; items on the stable run never move. Indices are
    /// relative to the start of the middle and valid at the moment each step is applied, in order.
    /// </summary>
    /// <param name="atEnd">Whether the middle ends the list (no common suffix), so an insert there appends.</param>
    public List<MiddleStep> PlanInsertsAndMoves(bool atEnd)
    {
        var steps = new List<MiddleStep>();
        var newToOld = NewToOld;
        var workArray = ArrayPool<int>.Shared.Rent(newToOld.Length);
        try
        {
            // For each position of the middle as the client will have it after the steps so far, the new-middle index there.
            var work = workArray.AsSpan(0, newToOld.Length);
            var count = 0;
            foreach (var target in OldToNew)
            {
                if (target >= 0)
                {
                    work[count++] = target;
                }
            }

            for (var j = newToOld.Length - 1; j >= 0; j--)
            {
                if (newToOld[j] >= 0 && Stable[j])
                {
                    continue;
                }

                var anchor = j == newToOld.Length - 1 ? count : work[..count].IndexOf(j + 1);
                if (newToOld[j] < 0)
                {
                    steps.Add(MiddleStep.Insert(j, anchor, appending: atEnd && anchor == count));
                    work[anchor..count].CopyTo(work[(anchor + 1)..]);
                    work[anchor] = j;
                    count++;
                    continue;
                }

                var current = work[..count].IndexOf(j);
                work[(current + 1)..count].CopyTo(work[current..]);
                if (anchor > current)
                {
                    anchor--;
                }

                work[anchor..(count - 1)].CopyTo(work[(anchor + 1)..]);
                work[anchor] = j;
                if (anchor != current)
                {
                    steps.Add(MiddleStep.Move(current, anchor));
                }
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(workArray);
        }

        return steps;
    }

    public void Dispose()
    {
        ArrayPool<int>.Shared.Return(_newToOld);
        ArrayPool<int>.Shared.Return(_oldToNew);
        ArrayPool<bool>.Shared.Return(_stable);
    }

    private bool MatchPairwise(ReadOnlySpan<JsonElement> oldKeys, ReadOnlySpan<JsonElement> newKeys)
    {
        if (HasDuplicatePairwise(oldKeys) || HasDuplicatePairwise(newKeys))
        {
            return false;
        }

        for (var j = 0; j < newKeys.Length; j++)
        {
            for (var i = 0; i < oldKeys.Length; i++)
            {
                if (PatchBuilder.RawEquals(oldKeys[i], newKeys[j]))
                {
                    _newToOld[j] = i;
                    _oldToNew[i] = j;
                    break;
                }
            }
        }

        return true;
    }

    private static bool HasDuplicatePairwise(ReadOnlySpan<JsonElement> keys)
    {
        for (var a = 1; a < keys.Length; a++)
        {
            for (var b = 0; b < a; b++)
            {
                if (PatchBuilder.RawEquals(keys[a], keys[b]))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private bool MatchWithDictionary(ReadOnlySpan<JsonElement> oldKeys, ReadOnlySpan<JsonElement> newKeys)
    {
        // Keys are compared by raw JSON text, so "1" (string) and 1 (number) stay distinct.
        var oldIndex = new Dictionary<string, int>(oldKeys.Length, StringComparer.Ordinal);
        for (var i = 0; i < oldKeys.Length; i++)
        {
            if (!oldIndex.TryAdd(KeyText(oldKeys[i]), i))
            {
                return false;
            }
        }

        var seen = new HashSet<string>(newKeys.Length, StringComparer.Ordinal);
        for (var j = 0; j < newKeys.Length; j++)
        {
            var key = KeyText(newKeys[j]);
            if (!seen.Add(key))
            {
                return false;
            }

            if (oldIndex.TryGetValue(key, out var i))
            {
                _newToOld[j] = i;
                _oldToNew[i] = j;
            }
        }

        return true;
    }

    private static string KeyText(JsonElement key) => Encoding.UTF8.GetString(JsonMarshal.GetRawUtf8Value(key));

    /// <summary>
    /// Marks a longest increasing subsequence of old indices among matched new items (patience sorting,
    /// O(n log n)); every other matched item costs one move.
    /// </summary>
    private void MarkStable()
    {
        var newToOld = NewToOld;
        var tailsArray = ArrayPool<int>.Shared.Rent(newToOld.Length + 1);
        var previousArray = ArrayPool<int>.Shared.Rent(newToOld.Length + 1);
        try
        {
            var tails = tailsArray.AsSpan(0, newToOld.Length); // tails[l]: new index ending the best run of length l+1
            var previous = previousArray.AsSpan(0, newToOld.Length);
            var length = 0;
            var matchedCount = 0;
            for (var j = 0; j < newToOld.Length; j++)
            {
                var value = newToOld[j];
                if (value < 0)
                {
                    continue;
                }

                matchedCount++;

                // Past the last tail (the common case: items kept in order) the search would end at length anyway.
                var low = length > 0 && newToOld[tails[length - 1]] < value ? length : 0;
                var high = length;
                while (low < high)
                {
                    var mid = (low + high) >>> 1;
                    if (newToOld[tails[mid]] < value)
                    {
                        low = mid + 1;
                    }
                    else
                    {
                        high = mid;
                    }
                }

                previous[j] = low > 0 ? tails[low - 1] : -1;
                tails[low] = j;
                if (low == length)
                {
                    length++;
                }
            }

            for (var j = length > 0 ? tails[length - 1] : -1; j >= 0; j = previous[j])
            {
                Stable[j] = true;
            }

            MoveCount = matchedCount - length;
        }
        finally
        {
            ArrayPool<int>.Shared.Return(tailsArray);
            ArrayPool<int>.Shared.Return(previousArray);
        }
    }
}

/// <summary>One step of <see cref="KeyedMiddle.PlanInsertsAndMoves"/>: insert new item <c>NewIndex</c> at <c>To</c>, or move <c>From</c> to <c>To</c>.</summary>
internal readonly record struct MiddleStep(bool IsInsert, int NewIndex, int From, int To, bool Appending)
{
    public static MiddleStep Insert(int newIndex, int at, bool appending) => new(true, newIndex, -1, at, appending);

    public static MiddleStep Move(int from, int to) => new(false, -1, from, to, false);
}
