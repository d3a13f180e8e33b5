using Live.Generators.Model;

namespace Live.Generators.Json;

/// <summary>The members of an enum, for consumers that describe its JSON (the TypeScript bindings).</summary>
/// <param name="Members">The members in declaration order.</param>
/// <param name="IsString">
/// Whether the enum carries <c>[JsonConverter(typeof(JsonStringEnumConverter))]</c> (or the generic one), so it is
/// written as member names rather than numbers.
/// </param>
/// <param name="IsFlags">Whether the enum has <c>[Flags]</c>: combined values are written too.</param>
internal sealed record JsonEnumShape(EquatableArray<JsonEnumMember> Members, bool IsString, bool IsFlags);
