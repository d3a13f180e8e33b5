using System.Collections.Concurrent;

namespace Live.Signing;

/// <summary>
/// An in-memory, bounded <see cref="INonceStore"/>. Expired nonces are dropped as new ones arrive; when the bound is
/// reached even after that, the store refuses new nonces (fails closed) rather than forgetting live ones, which would
/// let a token be replayed.
/// </summary>
internal sealed class MemoryNonceStore(TimeProvider time, int capacity = 100_000) : INonceStore
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> used = new(StringComparer.Ordinal);
    private readonly Lock sweepGate = new();

    public int Count => used.Count;

    public ValueTask<bool> TryUseAsync(string nonce, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(nonce);
        if (used.Count >= capacity)
        {
            Sweep();
            if (used.Count >= capacity)
            {
                return ValueTask.FromResult(false);
            }
        }

        return ValueTask.FromResult(used.TryAdd(nonce, expiresAt));
    }

    private void Sweep()
    {
        lock (sweepGate)
        {
            var now = time.GetUtcNow();
            foreach (var (nonce, expiresAt) in used)
            {
                if (expiresAt <= now)
                {
                    used.TryRemove(nonce, out _);
                }
            }
        }
    }
}
