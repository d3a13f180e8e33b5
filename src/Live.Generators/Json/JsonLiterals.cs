using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Live.Generators.Json;

/// <summary>C# source for constant values (constructor parameter defaults, names).</summary>
internal static class JsonLiterals
{
    public static string String(string value) => SymbolDisplay.FormatLiteral(value, quote: true);

    /// <summary>
    /// An expression whose boxed value has exactly the parameter's type, because System.Text.Json unboxes the default
    /// with a cast (a boxed double for a float parameter would throw).
    /// </summary>
    public static string DefaultValue(ITypeSymbol type, object? value)
    {
        var target = type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable
            ? nullable.TypeArguments[0]
            : type;
        if (value is null)
        {
            return type.IsValueType && !SymbolEqualityComparer.Default.Equals(target, type) ? "null"
                : type.IsValueType ? $"default({JsonShapeReader.TypeName(type)})"
                : "null";
        }

        var literal = value switch
        {
            string s => String(s),
            char c => SymbolDisplay.FormatLiteral(c, quote: true),
            bool b => b ? "true" : "false",
            int i => Parenthesize(i.ToString(CultureInfo.InvariantCulture)),
            uint u => u.ToString(CultureInfo.InvariantCulture) + "U",
            long l => Parenthesize(l.ToString(CultureInfo.InvariantCulture) + "L"),
            ulong ul => ul.ToString(CultureInfo.InvariantCulture) + "UL",
            short s => $"(short){Parenthesize(s.ToString(CultureInfo.InvariantCulture))}",
            ushort us => $"(ushort){us.ToString(CultureInfo.InvariantCulture)}",
            byte b => $"(byte){b.ToString(CultureInfo.InvariantCulture)}",
            sbyte sb => $"(sbyte){Parenthesize(sb.ToString(CultureInfo.InvariantCulture))}",
            float f => Float(f),
            double d => Double(d),
            decimal m => Parenthesize(m.ToString(CultureInfo.InvariantCulture) + "M"),
            _ => "null",
        };

        return target.TypeKind == TypeKind.Enum ? $"({JsonShapeReader.TypeName(target)}){literal}" : literal;
    }

    private static string Float(float f) =>
        float.IsNaN(f) ? "float.NaN"
        : float.IsPositiveInfinity(f) ? "float.PositiveInfinity"
        : float.IsNegativeInfinity(f) ? "float.NegativeInfinity"
        : Parenthesize(f.ToString("R", CultureInfo.InvariantCulture) + "F");

    private static string Double(double d) =>
        double.IsNaN(d) ? "double.NaN"
        : double.IsPositiveInfinity(d) ? "double.PositiveInfinity"
        : double.IsNegativeInfinity(d) ? "double.NegativeInfinity"
        : Parenthesize(d.ToString("R", CultureInfo.InvariantCulture) + "D");

    private static string Parenthesize(string literal) => literal.StartsWith("-", System.StringComparison.Ordinal) ? "(" + literal + ")" : literal;
}
