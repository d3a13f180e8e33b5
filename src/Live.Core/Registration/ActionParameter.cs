using System.ComponentModel;

namespace Live.Registration;

/// <summary>A parameter of a public action, bound by name from the client's arguments object.</summary>
/// <param name="Name">The parameter name (the key in the arguments object).</param>
/// <param name="ParameterType">The declared type.</param>
/// <param name="IsOptional">Whether the parameter has a default value and may be omitted.</param>
/// <param name="AllowsNull">Whether JSON <c>null</c> is acceptable (a nullable reference or value type).</param>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed record ActionParameter(string Name, Type ParameterType, bool IsOptional, bool AllowsNull);
