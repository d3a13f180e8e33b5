using Microsoft.CodeAnalysis;

namespace Live.Generators.Components;

/// <summary>How types are written into generated code.</summary>
internal static class TypeNames
{
    /// <summary><c>global::</c>-qualified, keyword aliases, nullable reference annotations kept (for declarations and type arguments).</summary>
    public static readonly SymbolDisplayFormat Annotated = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    /// <summary><c>global::</c>-qualified without nullable reference annotations (valid inside <c>typeof</c> and patterns).</summary>
    public static readonly SymbolDisplayFormat Plain = SymbolDisplayFormat.FullyQualifiedFormat;

    public static string ToAnnotated(ITypeSymbol type)
    {
        // A reference type from #nullable disable code may hold null; say so, or the enabled generated code warns.
        if (type.IsReferenceType && type.NullableAnnotation == NullableAnnotation.None)
        {
            type = type.WithNullableAnnotation(NullableAnnotation.Annotated);
        }

        return type.ToDisplayString(Annotated);
    }

    public static string ToPlain(ITypeSymbol type) =>
        type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(Plain);

    /// <summary>Whether JSON null is acceptable: a nullable-annotated (or nullable-oblivious) reference type, or <c>Nullable&lt;T&gt;</c>.</summary>
    public static bool AllowsNull(ITypeSymbol type)
    {
        if (type.IsValueType)
        {
            return type.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T;
        }

        // Oblivious (#nullable disable) code accepts null for any reference type, so the binding does too.
        return type.NullableAnnotation != NullableAnnotation.NotAnnotated;
    }
}
