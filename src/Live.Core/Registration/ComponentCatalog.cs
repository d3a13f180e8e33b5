using System.ComponentModel;

namespace Live.Registration;

/// <summary>
/// The components of every loaded assembly, registered by generated module initializers. <c>AddLive()</c>
/// reads it; there is no assembly scanning.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ComponentCatalog
{
    private static readonly Lock Gate = new();
    private static readonly List<ComponentDescriptor> Registered = [];

    /// <summary>Registers a component (called by generated code).</summary>
    /// <param name="descriptor">The component.</param>
    public static void Register(ComponentDescriptor descriptor)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        lock (Gate)
        {
            if (!Registered.Any(d => d.ComponentType == descriptor.ComponentType))
            {
                Registered.Add(descriptor);
            }
        }
    }

    /// <summary>A snapshot of the registered components.</summary>
    /// <returns>The components registered so far.</returns>
    public static IReadOnlyList<ComponentDescriptor> Snapshot()
    {
        lock (Gate)
        {
            return [.. Registered];
        }
    }
}
