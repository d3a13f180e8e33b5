using Microsoft.CodeAnalysis;

namespace Live.Generators.Components;

/// <summary>
/// Decides which types may cross the wire as action arguments or results. A type is refused when JSON cannot
/// represent it meaningfully, or when it would defeat typed bindings (<c>object</c>/<c>dynamic</c>: use
/// <c>JsonElement</c> for untyped JSON instead, so the contract says so).
/// </summary>
internal static class TypeSupport
{
    /// <summary>Why <paramref name="type"/> cannot cross the wire, phrased to follow "is"/"has", or <see langword="null"/> when it can.</summary>
    public static string? DescribeUnsupported(ITypeSymbol type)
    {
        switch (type)
        {
            case IErrorTypeSymbol:
                // The compiler already reports unknown types.
                return null;
            case IPointerTypeSymbol or IFunctionPointerTypeSymbol:
                return "is a pointer type";
            case ITypeParameterSymbol parameter:
                return $"is the open generic type parameter '{parameter.Name}'";
            case IArrayTypeSymbol array:
                return DescribeUnsupported(array.ElementType);
        }

        if (type.TypeKind == TypeKind.Dynamic)
        {
            return "is 'dynamic', which has no JSON contract (use JsonElement for untyped JSON)";
        }

        if (type.SpecialType == SpecialType.System_Object)
        {
            return "is 'object', which has no JSON contract (use JsonElement for untyped JSON)";
        }

        if (type.IsRefLikeType)
        {
            return $"is the ref struct '{type.Name}', which cannot be stored or serialized";
        }

        if (type.TypeKind == TypeKind.Delegate)
        {
            return $"is the delegate type '{type.Name}'";
        }

        if (type is not INamedTypeSymbol named)
        {
            return null;
        }

        if (named.IsTupleType)
        {
            // System.Text.Json ignores ValueTuple's fields by default, so a tuple would silently arrive empty.
            return "is a tuple, whose elements JSON does not carry (use a record)";
        }

        var definition = named.OriginalDefinition;
        var metadataName = MetadataName(definition);
        switch (metadataName)
        {
            case WellKnownNames.SystemType:
                return "is System.Type, which clients must not choose";
            case WellKnownNames.AsyncEnumerableOfT:
                return "is IAsyncEnumerable<T>, and streaming is not supported";
            case WellKnownNames.Task or WellKnownNames.TaskOfT or WellKnownNames.ValueTask or WellKnownNames.ValueTaskOfT:
                return "is a task type, which cannot be serialized";
        }

        foreach (var argument in named.TypeArguments)
        {
            var inner = DescribeUnsupported(argument);
            if (inner is not null)
            {
                return $"has a type argument that {inner}";
            }
        }

        return null;
    }

    public static string MetadataName(INamedTypeSymbol type)
    {
        if (type.ContainingType is { } container)
        {
            return MetadataName(container) + "+" + type.MetadataName;
        }

        var ns = type.ContainingNamespace;
        var prefix = ns is null || ns.IsGlobalNamespace ? string.Empty : ns.ToDisplayString() + ".";
        return prefix + type.MetadataName;
    }

    public static bool Is(ITypeSymbol? type, string metadataName) =>
        type is INamedTypeSymbol named && MetadataName(named.OriginalDefinition) == metadataName;
}
