namespace Live.Authentication;

/// <summary>Counts the open connections of each authenticated user, for <see cref="LiveLimits.MaxConnectionsPerUser"/>.</summary>
internal sealed class ConnectionsPerUser
{
    private readonly Dictionary<string, int> counts = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    /// <summary>The number of users with at least one open connection.</summary>
    public int UserCount
    {
        get
        {
            lock (gate)
            {
                return counts.Count;
            }
        }
    }

    /// <summary>
    /// Takes a slot for <paramref name="userKey"/> unless it already holds <paramref name="limit"/>; dispose the
    /// returned slot when the connection ends. Anonymous users (<see langword="null"/> key) always get a slot.
    /// </summary>
    public bool TryAcquire(string? userKey, int? limit, out IDisposable slot)
    {
        if (userKey is null || limit is null)
        {
            slot = NoSlot.Instance;
            return true;
        }

        lock (gate)
        {
            counts.TryGetValue(userKey, out var count);
            if (count >= limit)
            {
                slot = NoSlot.Instance;
                return false;
            }

            counts[userKey] = count + 1;
        }

        slot = new Slot(this, userKey);
        return true;
    }

    private void Release(string userKey)
    {
        lock (gate)
        {
            if (counts.TryGetValue(userKey, out var count))
            {
                if (count <= 1)
                {
                    counts.Remove(userKey);
                }
                else
                {
                    counts[userKey] = count - 1;
                }
            }
        }
    }

    private sealed class Slot(ConnectionsPerUser owner, string userKey) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                owner.Release(userKey);
            }
        }
    }

    private sealed class NoSlot : IDisposable
    {
        public static readonly NoSlot Instance = new();

        public void Dispose()
        {
        }
    }
}
