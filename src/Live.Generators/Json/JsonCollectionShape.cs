namespace Live.Generators.Json;

/// <summary>A sequence or dictionary: which factory builds it and how to create an instance.</summary>
/// <param name="Kind">The <c>JsonMetadataServices</c> factory to use.</param>
/// <param name="ElementTypeName">Element type (for dictionaries: the value type).</param>
/// <param name="KeyTypeName">Dictionary key type, else null.</param>
/// <param name="HasParameterlessConstructor">
/// Whether <c>new TCollection()</c> is emitted as the creator. Interfaces have none: STJ picks a list, set or dictionary.
/// </param>
/// <param name="CreateRangeMethod">
/// For immutable collections: the fully-qualified static class whose generic <c>CreateRange</c> builds the collection
/// (e.g. <c>global::System.Collections.Immutable.ImmutableList</c>).
/// </param>
internal sealed record JsonCollectionShape(
    JsonCollectionKind Kind,
    string ElementTypeName,
    string? KeyTypeName,
    bool HasParameterlessConstructor,
    string? CreateRangeMethod);
