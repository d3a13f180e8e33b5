using System.Buffers;
using System.Collections;

namespace Live.Diffing;

/// <summary>
/// The items of one list being diffed, read in a single pass: an array of a reference type is used in place, any
/// other collection of a reference type is enumerated through <see cref="IEnumerable{T}"/> of <see cref="object"/>
/// (covariance, no reflection), and only collections of value types go through the non-generic
/// <see cref="ICollection.CopyTo"/> (which boxes each item). Copies live in a pooled array; dispose to return it.
/// </summary>
/// <remarks>
/// The non-generic <see cref="ICollection.CopyTo"/> of <c>ImmutableList&lt;T&gt;</c> writes each item with
/// <see cref="Array.SetValue(object, int)"/>, about twice as slow as enumerating it; an <c>ImmutableList&lt;T&gt;</c>'s
/// indexer is O(log n), so reading by index is slower still.
/// </remarks>
internal readonly struct ListItems : IDisposable
{
    private readonly object?[] items;
    private readonly int count;
    private readonly bool rented;

    private ListItems(object?[] items, int count, bool rented)
    {
        this.items = items;
        this.count = count;
        this.rented = rented;
    }

    /// <summary>The items, in list order.</summary>
    public ReadOnlySpan<object?> Span => new(items, 0, count);

    /// <summary>Reads the items of <paramref name="list"/>, an <see cref="ICollection"/> (every <see cref="TypedKind.List"/> is one).</summary>
    public static ListItems Read(object list)
    {
        // T[] for a reference type T is an object?[] (array covariance); a ReadOnlySpan over it is safe, it never writes.
        if (list is object?[] array)
        {
            return new ListItems(array, array.Length, rented: false);
        }

        var collection = (ICollection)list;
        var length = collection.Count;
        var buffer = ArrayPool<object?>.Shared.Rent(length);
        if (list is IEnumerable<object?> references)
        {
            var n = 0;
            foreach (var item in references)
            {
                if (n == length)
                {
                    break;
                }

                buffer[n++] = item;
            }

            return new ListItems(buffer, n, rented: true);
        }

        collection.CopyTo(buffer, 0);
        return new ListItems(buffer, length, rented: true);
    }

    public void Dispose()
    {
        if (rented)
        {
            // Clear only what was written: the pool's array may be much longer than the list.
            Array.Clear(items, 0, count);
            ArrayPool<object?>.Shared.Return(items);
        }
    }
}
