namespace Live.Generators.Json;

/// <summary>A parameter of an object's deserialization constructor.</summary>
/// <param name="Name">Parameter name (STJ binds it to the property of the same name, case-insensitively).</param>
/// <param name="TypeName">Fully-qualified parameter type, without nullable annotations (for <c>typeof</c>).</param>
/// <param name="DeclaredTypeName">
/// The type as declared, nested nullable annotations included (<c>List&lt;string?&gt;</c>), for the argument cast: a
/// nested nullability mismatch is a warning the <c>!</c> operator does not silence.
/// </param>
/// <param name="Position">Zero-based position.</param>
/// <param name="DefaultValueLiteral">C# expression of the default value, or null when the parameter has none.</param>
/// <param name="IsNullable">Whether null is an acceptable value.</param>
internal sealed record JsonParameterShape(
    string Name,
    string TypeName,
    string DeclaredTypeName,
    int Position,
    string? DefaultValueLiteral,
    bool IsNullable);
