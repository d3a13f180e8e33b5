using System;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Live.Generators.Components;

/// <summary>Writes a parameter's default value as a C# expression of the parameter's type.</summary>
internal static class DefaultValueFormatter
{
    public static string Format(IParameterSymbol parameter)
    {
        var type = parameter.Type;
        var value = parameter.ExplicitDefaultValue;
        if (value is null)
        {
            // 'default' covers null references, null Nullable<T> and 'default(SomeStruct)'.
            return type.IsValueType ? "default" : "null";
        }

        var underlying = type.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T
            ? ((INamedTypeSymbol)type).TypeArguments[0]
            : type;

        if (underlying.TypeKind == TypeKind.Enum)
        {
            return $"({TypeNames.ToPlain(underlying)}){FormatNumber(value)}";
        }

        return value switch
        {
            string s => SymbolDisplay.FormatLiteral(s, quote: true),
            char c => SymbolDisplay.FormatLiteral(c, quote: true),
            bool b => b ? "true" : "false",
            float f => FormatFloat(f),
            double d => FormatDouble(d),
            decimal m => m.ToString(CultureInfo.InvariantCulture) + "m",
            _ => $"({TypeNames.ToPlain(underlying)}){FormatNumber(value)}",
        };
    }

    private static string FormatNumber(object value) =>
        Convert.ToString(value, CultureInfo.InvariantCulture) is { } text && text.StartsWith("-", StringComparison.Ordinal)
            ? "(" + text + ")"
            : Convert.ToString(value, CultureInfo.InvariantCulture) ?? "0";

    private static string FormatFloat(float f)
    {
        if (float.IsNaN(f))
        {
            return "float.NaN";
        }

        if (float.IsPositiveInfinity(f))
        {
            return "float.PositiveInfinity";
        }

        if (float.IsNegativeInfinity(f))
        {
            return "float.NegativeInfinity";
        }

        return f.ToString("R", CultureInfo.InvariantCulture) + "f";
    }

    private static string FormatDouble(double d)
    {
        if (double.IsNaN(d))
        {
            return "double.NaN";
        }

        if (double.IsPositiveInfinity(d))
        {
            return "double.PositiveInfinity";
        }

        if (double.IsNegativeInfinity(d))
        {
            return "double.NegativeInfinity";
        }

        return d.ToString("R", CultureInfo.InvariantCulture) + "d";
    }
}
