namespace Live.Generators.Json;

/// <summary>How a type is turned into JSON metadata.</summary>
internal enum JsonShapeKind
{
    /// <summary>A type with a built-in converter on <c>JsonMetadataServices</c> (primitives, string, Guid, dates, JsonElement, JsonNode, JsonDocument…).</summary>
    Value,

    /// <summary>An enum: numeric by default, or whatever a runtime converter (e.g. <c>JsonStringEnumConverter</c>) says.</summary>
    Enum,

    /// <summary><c>Nullable&lt;T&gt;</c> of a supported value type.</summary>
    Nullable,

    /// <summary>A sequence (array, list, set, immutable collection, read-only interface…).</summary>
    Collection,

    /// <summary>A dictionary with string or primitive keys.</summary>
    Dictionary,

    /// <summary>A class, struct or record serialized property by property.</summary>
    Object,

    /// <summary>A type with <c>[JsonConverter]</c>: the converter owns its JSON.</summary>
    CustomConverter,
}
