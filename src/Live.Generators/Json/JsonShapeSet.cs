using Live.Generators.Model;

namespace Live.Generators.Json;

/// <summary>Everything reachable from a set of roots: the shapes to emit, and what could not be supported.</summary>
/// <param name="Shapes">Supported types, sorted by <see cref="JsonTypeShape.TypeName"/> (deterministic output).</param>
/// <param name="Unsupported">Unsupported types in discovery order; each is reported once.</param>
internal sealed record JsonShapeSet(
    EquatableArray<JsonTypeShape> Shapes,
    EquatableArray<JsonUnsupportedType> Unsupported);
