using System.Collections.Concurrent;
using Live.Instances;

namespace Live.Retention;

/// <summary>
/// The per-connection instances a client may resume: every such instance by id while it lives (attached, or kept
/// after its connection went away), and the kept ones in the order they were detached, so the bounds
/// (<see cref="LiveRetentionOptions.MaxPerUser"/>, <see cref="LiveRetentionOptions.MaxTotal"/>) release the oldest first.
/// The instance itself decides, on its own queue, whether it is kept; this class only counts and orders.
/// </summary>
internal sealed class InstanceRetention(LiveRetentionOptions options)
{
    private readonly ConcurrentDictionary<string, ComponentInstance> byId = new(StringComparer.Ordinal);
    private readonly Lock gate = new();
    private readonly LinkedList<ComponentInstance> kept = new();
    private readonly Dictionary<ComponentInstance, LinkedListNode<ComponentInstance>> nodes = [];
    private readonly Dictionary<string, int> perUser = new(StringComparer.Ordinal);

    /// <summary>Whether instances are kept at all (a zero window turns retention off).</summary>
    public bool Enabled => options.Window > TimeSpan.Zero;

    public TimeSpan Window => options.Window;

    public int MaxBufferedPatches => options.MaxBufferedPatches;

    /// <summary>How many instances are kept right now (the <c>live.instances.retained</c> gauge).</summary>
    public int KeptCount
    {
        get
        {
            lock (gate)
            {
                return kept.Count;
            }
        }
    }

    /// <summary>Makes a per-connection instance findable by <c>resume</c>.</summary>
    public void Register(ComponentInstance instance) => byId[instance.Id] = instance;

    /// <summary>Forgets a destroyed instance.</summary>
    public void Unregister(ComponentInstance instance)
    {
        byId.TryRemove(new KeyValuePair<string, ComponentInstance>(instance.Id, instance));
        Release(instance);
    }

    public bool TryFind(string instanceId, out ComponentInstance instance) => byId.TryGetValue(instanceId, out instance!);

    /// <summary>
    /// Records that <paramref name="instance"/> is now kept for <paramref name="userKey"/> (<see langword="null"/>:
    /// anonymous, bounded by the total only). Returns the instances to release because a bound was passed, oldest first.
    /// </summary>
    public List<ComponentInstance> Keep(ComponentInstance instance, string? userKey)
    {
        var evicted = new List<ComponentInstance>();
        lock (gate)
        {
            if (nodes.ContainsKey(instance))
            {
                return evicted;
            }

            if (userKey is not null)
            {
                var count = perUser.GetValueOrDefault(userKey);
                for (var node = kept.First; node is not null && count >= options.MaxPerUser;)
                {
                    var next = node.Next;
                    if (string.Equals(node.Value.RetainedUserKey, userKey, StringComparison.Ordinal))
                    {
                        evicted.Add(node.Value);
                        RemoveLocked(node.Value);
                        count--;
                    }

                    node = next;
                }
            }

            while (kept.Count >= options.MaxTotal && kept.First is { } oldest)
            {
                evicted.Add(oldest.Value);
                RemoveLocked(oldest.Value);
            }

            nodes[instance] = kept.AddLast(instance);
            if (userKey is not null)
            {
                perUser[userKey] = perUser.GetValueOrDefault(userKey) + 1;
            }
        }

        return evicted;
    }

    /// <summary>Stops counting <paramref name="instance"/> as kept (it was resumed, or its window ended).</summary>
    public void Release(ComponentInstance instance)
    {
        lock (gate)
        {
            RemoveLocked(instance);
        }
    }

    /// <summary>Every instance kept right now (for shutdown).</summary>
    public ComponentInstance[] Snapshot()
    {
        lock (gate)
        {
            return [.. kept];
        }
    }

    private void RemoveLocked(ComponentInstance instance)
    {
        if (!nodes.Remove(instance, out var node))
        {
            return;
        }

        kept.Remove(node);
        if (instance.RetainedUserKey is { } userKey)
        {
            var left = perUser.GetValueOrDefault(userKey) - 1;
            if (left <= 0)
            {
                perUser.Remove(userKey);
            }
            else
            {
                perUser[userKey] = left;
            }
        }
    }
}
