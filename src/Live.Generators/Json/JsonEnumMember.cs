namespace Live.Generators.Json;

/// <summary>One enum member.</summary>
/// <param name="Name">The C# name, or the name from <c>[JsonStringEnumMemberName]</c>.</param>
/// <param name="Value">The constant value, as invariant digits.</param>
internal sealed record JsonEnumMember(string Name, string Value);
