namespace Live.Connections;

/// <summary>
/// The ids of one connection's requests in progress. A connection usually has one or two at a time, so up to
/// <see cref="ArrayLimit"/> live in a small array searched in order (40 bytes on an idle connection where a
/// <see cref="HashSet{T}"/> kept about 160); past that, a hash set takes over for the rest of the connection. Not
/// thread-safe: the session uses it under its lock.
/// </summary>
internal struct PendingRequestIds
{
    /// <summary>The most ids kept in the array before switching to a hash set.</summary>
    public const int ArrayLimit = 8;

    private string?[]? small;
    private int count;
    private HashSet<string>? large;

    public readonly int Count => large?.Count ?? count;

    public readonly bool Contains(string id)
    {
        if (large is not null)
        {
            return large.Contains(id);
        }

        for (var i = 0; i < count; i++)
        {
            if (string.Equals(small![i], id, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Adds an id the caller has checked is not there.</summary>
    public void Add(string id)
    {
        if (large is not null)
        {
            large.Add(id);
            return;
        }

        if (count == ArrayLimit)
        {
            large = new HashSet<string>(small!.Take(count)!, StringComparer.Ordinal) { id };
            small = null;
            count = 0;
            return;
        }

        small ??= new string?[2];
        if (count == small.Length)
        {
            Array.Resize(ref small, count * 2);
        }

        small[count++] = id;
    }

    public void Remove(string id)
    {
        if (large is not null)
        {
            large.Remove(id);
            return;
        }

        for (var i = 0; i < count; i++)
        {
            if (string.Equals(small![i], id, StringComparison.Ordinal))
            {
                small[i] = small[--count];
                small[count] = null;
                return;
            }
        }
    }
}
