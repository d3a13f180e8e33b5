using Live.Generators.Diagnostics;
using Microsoft.CodeAnalysis;

namespace Live.Generators.Components;

/// <summary>
/// A type that crosses the wire (state, action parameter or result) and where the author wrote it. Lives only inside
/// the parse step: it holds a symbol, so it never reaches a pipeline model.
/// </summary>
/// <param name="Type">The type.</param>
/// <param name="Location">The state type argument, parameter type or return type, for diagnostics.</param>
internal readonly record struct WireTypeRoot(ITypeSymbol Type, LocationInfo? Location);
