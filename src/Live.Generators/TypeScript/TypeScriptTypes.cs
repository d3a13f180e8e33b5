using System;
using System.Collections.Generic;
using System.Linq;
using Live.Generators.Json;

namespace Live.Generators.TypeScript;

/// <summary>
/// Maps the JSON shapes of a compilation to TypeScript: names the declared types (interfaces for objects, type
/// aliases for enums) and writes the type expression of any shape.
/// </summary>
internal sealed class TypeScriptTypes
{
    private readonly Dictionary<string, JsonTypeShape> shapes;
    private readonly Dictionary<string, string> names;

    public TypeScriptTypes(IEnumerable<JsonTypeShape> allShapes)
    {
        shapes = new Dictionary<string, JsonTypeShape>(StringComparer.Ordinal);
        foreach (var shape in allShapes)
        {
            if (!shapes.ContainsKey(shape.TypeName))
            {
                shapes.Add(shape.TypeName, shape);
            }
        }

        names = AssignNames(shapes.Values.Where(IsDeclared));
    }

    /// <summary>The shapes that get a declaration, with their TypeScript names, sorted by name.</summary>
    public IEnumerable<(string Name, JsonTypeShape Shape)> Declared =>
        names.Select(n => (n.Value, shapes[n.Key])).OrderBy(d => d.Value, StringComparer.Ordinal);

    /// <summary>The TypeScript type of the C# type <paramref name="typeName"/> (a <see cref="JsonTypeShape.TypeName"/>).</summary>
    public string Of(string typeName)
    {
        if (!shapes.TryGetValue(typeName, out var shape))
        {
            return "unknown";
        }

        switch (shape.Kind)
        {
            case JsonShapeKind.Value:
                return ValueType(shape.Converter);
            case JsonShapeKind.Nullable:
                return OrNull(Of(shape.UnderlyingTypeName!));
            case JsonShapeKind.Collection:
                var element = Of(shape.Collection!.ElementTypeName);
                return element.Contains(" | ") ? $"({element})[]" : element + "[]";
            case JsonShapeKind.Dictionary:
                return $"Record<string, {Of(shape.Collection!.ElementTypeName)}>";
            case JsonShapeKind.CustomConverter when shape.Enum is null:
                // The converter decides the JSON; nothing is known about it at compile time.
                return "unknown";
            default:
                return names[typeName];
        }
    }

    /// <summary>Whether the C# type is a reference type (so <c>#nullable disable</c> code may hold null in it).</summary>
    public bool IsReferenceType(string typeName) => shapes.TryGetValue(typeName, out var shape) && !shape.IsValueType;

    /// <summary><paramref name="type"/> accepting <c>null</c> too.</summary>
    public static string OrNull(string type) =>
        type == "unknown" || type.EndsWith(" | null", StringComparison.Ordinal) ? type : type + " | null";

    private static bool IsDeclared(JsonTypeShape shape) => shape.Kind == JsonShapeKind.Object || shape.Enum is not null;

    private static string ValueType(string? converter) => converter switch
    {
        "BooleanConverter" => "boolean",
        "ByteConverter" or "SByteConverter" or "Int16Converter" or "Int32Converter" or "Int64Converter" or "Int128Converter"
            or "UInt16Converter" or "UInt32Converter" or "UInt64Converter" or "UInt128Converter"
            or "HalfConverter" or "SingleConverter" or "DoubleConverter" or "DecimalConverter" => "number",
        "JsonObjectConverter" => "{ [key: string]: unknown }",
        "JsonArrayConverter" => "unknown[]",
        "JsonElementConverter" or "JsonDocumentConverter" or "JsonNodeConverter" or "JsonValueConverter" => "unknown",

        // string, char, Guid, dates and times, TimeSpan, Uri, Version, and byte arrays (base64).
        _ => "string",
    };

    // Simple C# names where they are unique; namespace-qualified ones for the types whose simple names clash.
    private static Dictionary<string, string> AssignNames(IEnumerable<JsonTypeShape> declared)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var taken = new HashSet<string>(StringComparer.Ordinal);
        var groups = declared
            .OrderBy(s => s.TypeName, StringComparer.Ordinal)
            .GroupBy(s => TypeScriptNames.ToIdentifier(s.DisplayName), StringComparer.Ordinal)
            .ToList();
        foreach (var group in groups.Where(g => g.Count() == 1))
        {
            taken.Add(group.Key);
            result.Add(group.Single().TypeName, group.Key);
        }

        foreach (var shape in groups.Where(g => g.Count() > 1).SelectMany(g => g))
        {
            var baseName = TypeScriptNames.ToIdentifier(shape.TypeName.Replace("global::", string.Empty));
            var name = baseName;
            for (var i = 2; !taken.Add(name); i++)
            {
                name = baseName + "_" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            result.Add(shape.TypeName, name);
        }

        return result;
    }
}
