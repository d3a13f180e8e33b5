using Live.Generators.Json;
using Live.Generators.Model;

namespace Live.Generators.Rooms;

/// <summary>One <c>[LiveEvent]</c> type: its names and the JSON shapes it needs.</summary>
/// <param name="FullyQualifiedName">The <c>global::</c>-qualified type name.</param>
/// <param name="TypeName">The simple name (the TypeScript interface's name comes from its shape).</param>
/// <param name="WireName">The name clients see in an event's <c>event</c> member.</param>
/// <param name="JsonShapes">The shapes of every type reachable from the event.</param>
internal sealed record EventModel(string FullyQualifiedName, string TypeName, string WireName, EquatableArray<JsonTypeShape> JsonShapes);
