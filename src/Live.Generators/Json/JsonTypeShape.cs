using Live.Generators.Model;

namespace Live.Generators.Json;

/// <summary>
/// One type reachable from the roots, reduced to what the emitter needs. Value-equatable (strings, flags and
/// <see cref="EquatableArray{T}"/>), so it can flow through an incremental pipeline.
/// </summary>
/// <param name="TypeName">Fully-qualified name with <c>global::</c>, without nullable reference annotations.</param>
/// <param name="DisplayName">Short C# display name, for diagnostics and generated member names.</param>
/// <param name="Kind">How the type is serialized.</param>
/// <param name="IsValueType">Whether the type is a struct.</param>
/// <param name="Converter">
/// <see cref="JsonShapeKind.Value"/>: the <c>JsonMetadataServices</c> converter property (e.g. <c>Int32Converter</c>);
/// <see cref="JsonShapeKind.CustomConverter"/>: the converter's fully-qualified type name; otherwise null.
/// </param>
/// <param name="UnderlyingTypeName">For <see cref="JsonShapeKind.Nullable"/>: the <c>T</c> of <c>T?</c>.</param>
/// <param name="Collection">For collections and dictionaries.</param>
/// <param name="Object">For objects.</param>
/// <param name="Enum">For enums (<see cref="JsonShapeKind.Enum"/>, or <see cref="JsonShapeKind.CustomConverter"/> on an enum).</param>
internal sealed record JsonTypeShape(
    string TypeName,
    string DisplayName,
    JsonShapeKind Kind,
    bool IsValueType,
    string? Converter,
    string? UnderlyingTypeName,
    JsonCollectionShape? Collection,
    JsonObjectShape? Object,
    JsonEnumShape? Enum = null);
