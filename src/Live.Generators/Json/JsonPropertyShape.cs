namespace Live.Generators.Json;

/// <summary>A serialized property or field of an object.</summary>
/// <param name="Name">C# member name.</param>
/// <param name="DeclaringTypeName">Fully-qualified declaring type (may be a base type).</param>
/// <param name="DeclaringTypeIsValueType">Whether the declaring type is a struct (setters go through <c>Unsafe.Unbox</c>).</param>
/// <param name="TypeName">Fully-qualified member type.</param>
/// <param name="IsField">A field rather than a property.</param>
/// <param name="IsPublic">Both the member and its getter are public.</param>
/// <param name="IsVirtual">Declared virtual, abstract or override.</param>
/// <param name="JsonName">Name from <c>[JsonPropertyName]</c>, or null to let the naming policy decide.</param>
/// <param name="IgnoreCondition"><c>JsonIgnoreCondition</c> member name from <c>[JsonIgnore(Condition = …)]</c>, or null.</param>
/// <param name="HasJsonInclude">Has <c>[JsonInclude]</c>.</param>
/// <param name="IsExtensionData">Has <c>[JsonExtensionData]</c>.</param>
/// <param name="Getter">How to read the member.</param>
/// <param name="Setter">How to write the member (None for get-only and for members bound through the constructor).</param>
/// <param name="IsInitOnly">The setter is <c>init</c>.</param>
/// <param name="IsRequired">C# <c>required</c> or <c>[JsonRequired]</c>.</param>
/// <param name="ConverterTypeName">Converter from <c>[JsonConverter]</c> on the member, or null.</param>
/// <param name="Order">From <c>[JsonPropertyOrder]</c>, or null.</param>
/// <param name="NumberHandling"><c>JsonNumberHandling</c> flags value from <c>[JsonNumberHandling]</c>, or null.</param>
/// <param name="IsNullable">
/// Nullable annotation of a reference-type member: true (<c>string?</c>), false (<c>string</c>), null for value types
/// and oblivious code (STJ then works it out itself).
/// </param>
/// <param name="ConstructorParameterIndex">Position of the matching constructor parameter, or -1.</param>
/// <param name="Generic">Set when the declaring type is generic and an <c>[UnsafeAccessor]</c> is needed.</param>
internal sealed record JsonPropertyShape(
    string Name,
    string DeclaringTypeName,
    bool DeclaringTypeIsValueType,
    string TypeName,
    bool IsField,
    bool IsPublic,
    bool IsVirtual,
    string? JsonName,
    string? IgnoreCondition,
    bool HasJsonInclude,
    bool IsExtensionData,
    JsonMemberAccess Getter,
    JsonMemberAccess Setter,
    bool IsInitOnly,
    bool IsRequired,
    string? ConverterTypeName,
    int? Order,
    int? NumberHandling,
    bool? IsNullable,
    int ConstructorParameterIndex,
    JsonGenericAccess? Generic);
