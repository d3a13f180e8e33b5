namespace Live.Generators.Components;

/// <summary>One parameter of a public action.</summary>
/// <param name="Name">The parameter name, which is also its key in the client's arguments object.</param>
/// <param name="TypeName">The <c>global::</c>-qualified type, with nullable annotations.</param>
/// <param name="TypeOfName">The type as written inside <c>typeof(...)</c>.</param>
/// <param name="IsCancellationToken">Bound to the invocation's token, not from the arguments.</param>
/// <param name="IsOptional">Whether it has a default value and may be omitted.</param>
/// <param name="DefaultValueLiteral">The default value as a C# expression, when optional.</param>
/// <param name="AllowsNull">Whether JSON null is accepted (nullable reference or Nullable&lt;T&gt;).</param>
internal sealed record ActionParameterModel(
    string Name,
    string TypeName,
    string TypeOfName,
    bool IsCancellationToken,
    bool IsOptional,
    string? DefaultValueLiteral,
    bool AllowsNull);
