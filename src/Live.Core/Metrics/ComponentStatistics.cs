using System.Collections.Concurrent;

namespace Live.Metrics;

/// <summary>The stats endpoint's totals for one component.</summary>
internal sealed class ComponentStatistics
{
    private readonly ConcurrentDictionary<string, ActionStatistics> actions = new(StringComparer.Ordinal);
    private long mounts;
    private long instances;

    /// <summary>Mounts currently held (one per connection attached).</summary>
    public long Mounts => Interlocked.Read(ref mounts);

    /// <summary>Instances alive (a singleton counts once).</summary>
    public long Instances => Interlocked.Read(ref instances);

    /// <summary>Per action wire name.</summary>
    public IEnumerable<KeyValuePair<string, ActionStatistics>> Actions => actions;

    public void Mounted() => Interlocked.Increment(ref mounts);

    public void Unmounted(int count) => Interlocked.Add(ref mounts, -count);

    public void InstanceCreated() => Interlocked.Increment(ref instances);

    public void InstanceDestroyed() => Interlocked.Decrement(ref instances);

    public void ActionCompleted(string action, string outcome, TimeSpan elapsed)
    {
        actions.GetOrAdd(action, static _ => new ActionStatistics()).Record(outcome, elapsed);
    }
}
