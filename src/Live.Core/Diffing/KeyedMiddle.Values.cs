using System.Buffers;
using System.Numerics;

namespace Live.Diffing;

internal sealed partial class KeyedMiddle
{
    /// <summary>
    /// Matches the middles by key values for which equality is exactly "same JSON text" (the typed diff's
    /// <c>int</c>, <c>long</c>, <c>string</c> and <c>Guid</c> keys); null when a key repeats on either side. The
    /// result is the one <see cref="Match(ReadOnlySpan{System.Text.Json.JsonElement}, ReadOnlySpan{System.Text.Json.JsonElement})"/>
    /// gives for the keys' JSON, found with a pooled open-addressing table instead of one string per key.
    /// </summary>
    public static KeyedMiddle? Match<TKey>(ReadOnlySpan<TKey> oldKeys, ReadOnlySpan<TKey> newKeys)
        where TKey : notnull
    {
        var middle = new KeyedMiddle(oldKeys.Length, newKeys.Length);
        if (!middle.MatchHashed(oldKeys, newKeys))
        {
            middle.Dispose();
            return null;
        }

        middle.Complete();
        return middle;
    }

    /// <summary>
    /// One table for both sides: a slot holds <c>i + 1</c> for old key <c>i</c> or <c>-(j + 1)</c> for a new key
    /// <c>j</c> no old key has. A repeated old key, a new key matching an old key already matched, or a new key
    /// matching an unmatched new key is a duplicate.
    /// </summary>
    private bool MatchHashed<TKey>(ReadOnlySpan<TKey> oldKeys, ReadOnlySpan<TKey> newKeys)
        where TKey : notnull
    {
        // At most half full, so probe runs stay short; Fibonacci hashing spreads sequential ids over the table.
        var bits = BitOperations.Log2(BitOperations.RoundUpToPowerOf2((uint)(2 * (oldKeys.Length + newKeys.Length)) | 4u));
        var size = 1 << bits;
        var mask = size - 1;
        var shift = 32 - bits;
        var tableArray = ArrayPool<int>.Shared.Rent(size);
        var table = tableArray.AsSpan(0, size);
        table.Clear();
        var comparer = EqualityComparer<TKey>.Default;
        try
        {
            for (var i = 0; i < oldKeys.Length; i++)
            {
                var key = oldKeys[i];
                var slot = (int)(((uint)comparer.GetHashCode(key) * 2654435769u) >> shift);
                for (; table[slot] != 0; slot = (slot + 1) & mask)
                {
                    if (comparer.Equals(oldKeys[table[slot] - 1], key))
                    {
                        return false;
                    }
                }

                table[slot] = i + 1;
            }

            for (var j = 0; j < newKeys.Length; j++)
            {
                var key = newKeys[j];
                var slot = (int)(((uint)comparer.GetHashCode(key) * 2654435769u) >> shift);
                for (; ; slot = (slot + 1) & mask)
                {
                    var entry = table[slot];
                    if (entry == 0)
                    {
                        table[slot] = -(j + 1);
                        break;
                    }

                    if (!comparer.Equals(entry > 0 ? oldKeys[entry - 1] : newKeys[-entry - 1], key))
                    {
                        continue;
                    }

                    if (entry < 0 || _oldToNew[entry - 1] >= 0)
                    {
                        return false;
                    }

                    _newToOld[j] = entry - 1;
                    _oldToNew[entry - 1] = j;
                    break;
                }
            }

            return true;
        }
        finally
        {
            ArrayPool<int>.Shared.Return(tableArray);
        }
    }
}
