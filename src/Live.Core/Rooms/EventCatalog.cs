using System.Collections.Concurrent;
using System.ComponentModel;
using System.Text.Json.Serialization.Metadata;

namespace Live.Registration;

/// <summary>
/// The <c>[LiveEvent]</c> types of every loaded assembly with their wire names, registered by generated module
/// initializers (no assembly scanning).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class EventCatalog
{
    private static readonly ConcurrentDictionary<Type, string> Names = new();
    private static readonly ConcurrentDictionary<IJsonTypeInfoResolver, byte> Resolvers = new();

    /// <summary>Registers an event type (called by generated code).</summary>
    /// <param name="eventType">The event record type.</param>
    /// <param name="name">Its wire name.</param>
    /// <param name="typeInfoResolver">Generated JSON metadata that covers the type.</param>
    public static void Register(Type eventType, string name, IJsonTypeInfoResolver? typeInfoResolver)
    {
        ArgumentNullException.ThrowIfNull(eventType);
        ArgumentException.ThrowIfNullOrEmpty(name);
        Names.TryAdd(eventType, name);
        if (typeInfoResolver is not null)
        {
            Resolvers.TryAdd(typeInfoResolver, 0);
        }
    }

    /// <summary>The wire name of <paramref name="eventType"/>: the registered one, else the type's name.</summary>
    /// <param name="eventType">The event type.</param>
    /// <returns>The name clients see in the <c>event</c> member.</returns>
    public static string NameOf(Type eventType)
    {
        ArgumentNullException.ThrowIfNull(eventType);
        return Names.TryGetValue(eventType, out var name) ? name : eventType.Name;
    }

    /// <summary>The JSON resolvers registered with event types.</summary>
    /// <returns>A snapshot.</returns>
    public static IReadOnlyList<IJsonTypeInfoResolver> TypeInfoResolvers() => [.. Resolvers.Keys];
}
