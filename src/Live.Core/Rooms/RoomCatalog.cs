using System.ComponentModel;

namespace Live.Registration;

/// <summary>The typed rooms of every loaded assembly, registered by generated module initializers.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class RoomCatalog
{
    private static readonly Lock Gate = new();
    private static readonly List<RoomDescriptor> Registered = [];

    /// <summary>Registers a typed room (called by generated code).</summary>
    /// <param name="descriptor">The room.</param>
    public static void Register(RoomDescriptor descriptor)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        lock (Gate)
        {
            if (!Registered.Any(d => d.RoomType == descriptor.RoomType))
            {
                Registered.Add(descriptor);
            }
        }
    }

    /// <summary>A snapshot of the registered rooms.</summary>
    /// <returns>The rooms registered so far.</returns>
    public static IReadOnlyList<RoomDescriptor> Snapshot()
    {
        lock (Gate)
        {
            return [.. Registered];
        }
    }
}
