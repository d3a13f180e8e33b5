using Live.Generators.Model;

namespace Live.Generators.Json;

/// <summary>An object serialized member by member.</summary>
/// <param name="Properties">Serialized properties and fields, in declaration order (base type members first).</param>
/// <param name="ConstructorParameters">Parameters of the deserialization constructor; empty for a parameterless one.</param>
/// <param name="ConstructorAccess">
/// How to call the deserialization constructor; <see cref="JsonMemberAccess.None"/> when there is no usable one
/// (the type then serializes but does not deserialize, and the reader reports it).
/// </param>
/// <param name="Generic">Set when the type is generic and its constructor is called through an <c>[UnsafeAccessor]</c>.</param>
internal sealed record JsonObjectShape(
    EquatableArray<JsonPropertyShape> Properties,
    EquatableArray<JsonParameterShape> ConstructorParameters,
    JsonMemberAccess ConstructorAccess,
    JsonGenericAccess? Generic);
