namespace Live.Generators.Components;

/// <summary>A component constructor parameter, resolved from the service provider by the generated factory.</summary>
/// <param name="Name">The parameter name.</param>
/// <param name="TypeName">The <c>global::</c>-qualified type, with nullable annotations.</param>
/// <param name="TypeOfName">The type as written inside <c>typeof(...)</c>.</param>
/// <param name="PatternTypeName">The non-nullable type used in the <c>is T value</c> pattern.</param>
/// <param name="IsOptional">Whether a missing service falls back to <paramref name="FallbackLiteral"/> instead of throwing.</param>
/// <param name="FallbackLiteral">The C# expression used when the service is missing (the default value, or <c>null</c>).</param>
internal sealed record ServiceParameterModel(
    string Name,
    string TypeName,
    string TypeOfName,
    string PatternTypeName,
    bool IsOptional,
    string? FallbackLiteral);
