using System.Collections.Frozen;
using Live.Registration;

namespace Live.Hosting;

/// <summary>The components this server hosts, by wire name. Built once at start-up from the generated catalog.</summary>
internal sealed class ComponentRegistry
{
    private readonly FrozenDictionary<string, ComponentDescriptor> byName;

    public ComponentRegistry(IEnumerable<ComponentDescriptor> descriptors)
    {
        var map = new Dictionary<string, ComponentDescriptor>(StringComparer.Ordinal);
        foreach (var descriptor in descriptors)
        {
            if (map.TryGetValue(descriptor.Name, out var existing))
            {
                if (existing.ComponentType == descriptor.ComponentType)
                {
                    continue;
                }

                throw new InvalidOperationException(
                    $"Two components are registered under the name '{descriptor.Name}': {existing.ComponentType.FullName} and {descriptor.ComponentType.FullName}. " +
                    "Give one of them another name with [LiveComponent(\"OtherName\")].");
            }

            map[descriptor.Name] = descriptor;
        }

        byName = map.ToFrozenDictionary(StringComparer.Ordinal);
    }

    public IReadOnlyCollection<ComponentDescriptor> All => byName.Values;

    public bool TryGet(string name, out ComponentDescriptor descriptor) => byName.TryGetValue(name, out descriptor!);
}
