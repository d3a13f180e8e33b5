using System.Collections.Concurrent;

namespace Live.Metrics;

/// <summary>Running totals kept in process for the stats endpoint, independent of any metrics listener.</summary>
internal sealed class LiveStatistics
{
    private readonly ConcurrentDictionary<string, ComponentStatistics> components = new(StringComparer.Ordinal);
    private long connections;
    private long connectionsTotal;

    /// <summary>Open connections.</summary>
    public long Connections => Interlocked.Read(ref connections);

    /// <summary>Connections accepted since start.</summary>
    public long ConnectionsTotal => Interlocked.Read(ref connectionsTotal);

    /// <summary>Components that have been used, by name.</summary>
    public IEnumerable<KeyValuePair<string, ComponentStatistics>> Components => components;

    public ComponentStatistics For(string component) =>
        components.GetOrAdd(component, static _ => new ComponentStatistics());

    public void ConnectionOpened()
    {
        Interlocked.Increment(ref connections);
        Interlocked.Increment(ref connectionsTotal);
    }

    public void ConnectionClosed() => Interlocked.Decrement(ref connections);
}
