using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Live.Generators.Json;

/// <summary>
/// The types System.Text.Json knows natively: primitives with a converter on <c>JsonMetadataServices</c>, and the
/// collection types each <c>Create…Info</c> factory accepts.
/// </summary>
internal static class JsonKnownTypes
{
    private static readonly Dictionary<string, string> ValueConverters = new()
    {
        ["System.Boolean"] = "BooleanConverter",
        ["System.Byte"] = "ByteConverter",
        ["System.SByte"] = "SByteConverter",
        ["System.Char"] = "CharConverter",
        ["System.Int16"] = "Int16Converter",
        ["System.Int32"] = "Int32Converter",
        ["System.Int64"] = "Int64Converter",
        ["System.Int128"] = "Int128Converter",
        ["System.UInt16"] = "UInt16Converter",
        ["System.UInt32"] = "UInt32Converter",
        ["System.UInt64"] = "UInt64Converter",
        ["System.UInt128"] = "UInt128Converter",
        ["System.Half"] = "HalfConverter",
        ["System.Single"] = "SingleConverter",
        ["System.Double"] = "DoubleConverter",
        ["System.Decimal"] = "DecimalConverter",
        ["System.String"] = "StringConverter",
        ["System.Guid"] = "GuidConverter",
        ["System.DateTime"] = "DateTimeConverter",
        ["System.DateTimeOffset"] = "DateTimeOffsetConverter",
        ["System.DateOnly"] = "DateOnlyConverter",
        ["System.TimeOnly"] = "TimeOnlyConverter",
        ["System.TimeSpan"] = "TimeSpanConverter",
        ["System.Uri"] = "UriConverter",
        ["System.Version"] = "VersionConverter",
        ["System.Text.Json.JsonElement"] = "JsonElementConverter",
        ["System.Text.Json.JsonDocument"] = "JsonDocumentConverter",
        ["System.Text.Json.Nodes.JsonNode"] = "JsonNodeConverter",
        ["System.Text.Json.Nodes.JsonObject"] = "JsonObjectConverter",
        ["System.Text.Json.Nodes.JsonArray"] = "JsonArrayConverter",
        ["System.Text.Json.Nodes.JsonValue"] = "JsonValueConverter",
        ["System.Memory`1[System.Byte]"] = "MemoryByteConverter",
        ["System.ReadOnlyMemory`1[System.Byte]"] = "ReadOnlyMemoryByteConverter",
    };

    // Types whose converters can also write property names, so they may key a dictionary.
    private static readonly HashSet<string> DictionaryKeys = new()
    {
        "System.String", "System.Guid", "System.Char",
        "System.Byte", "System.SByte", "System.Int16", "System.UInt16",
        "System.Int32", "System.UInt32", "System.Int64", "System.UInt64",
    };

    private static readonly Dictionary<string, (JsonCollectionKind Kind, bool IsInterface)> Sequences = new()
    {
        ["System.Collections.Generic.List`1"] = (JsonCollectionKind.List, false),
        ["System.Collections.Generic.IEnumerable`1"] = (JsonCollectionKind.Enumerable, true),
        ["System.Collections.Generic.IReadOnlyList`1"] = (JsonCollectionKind.Enumerable, true),
        ["System.Collections.Generic.IReadOnlyCollection`1"] = (JsonCollectionKind.Enumerable, true),
        ["System.Collections.Generic.IList`1"] = (JsonCollectionKind.IList, true),
        ["System.Collections.Generic.ICollection`1"] = (JsonCollectionKind.Collection, true),
        ["System.Collections.Generic.ISet`1"] = (JsonCollectionKind.Set, true),
        ["System.Collections.Generic.HashSet`1"] = (JsonCollectionKind.Set, false),
        ["System.Collections.Generic.SortedSet`1"] = (JsonCollectionKind.Set, false),
        ["System.Collections.Generic.Queue`1"] = (JsonCollectionKind.Queue, false),
        ["System.Collections.Generic.Stack`1"] = (JsonCollectionKind.Stack, false),
        ["System.Collections.Generic.Dictionary`2"] = (JsonCollectionKind.Dictionary, false),
        ["System.Collections.Generic.IDictionary`2"] = (JsonCollectionKind.IDictionary, true),
        ["System.Collections.Generic.IReadOnlyDictionary`2"] = (JsonCollectionKind.IReadOnlyDictionary, true),
    };

    // Immutable collection → the static class whose CreateRange builds it.
    private static readonly Dictionary<string, string> ImmutableFactories = new()
    {
        ["System.Collections.Immutable.ImmutableArray`1"] = "ImmutableArray",
        ["System.Collections.Immutable.ImmutableList`1"] = "ImmutableList",
        ["System.Collections.Immutable.IImmutableList`1"] = "ImmutableList",
        ["System.Collections.Immutable.ImmutableHashSet`1"] = "ImmutableHashSet",
        ["System.Collections.Immutable.IImmutableSet`1"] = "ImmutableHashSet",
        ["System.Collections.Immutable.ImmutableSortedSet`1"] = "ImmutableSortedSet",
        ["System.Collections.Immutable.ImmutableQueue`1"] = "ImmutableQueue",
        ["System.Collections.Immutable.IImmutableQueue`1"] = "ImmutableQueue",
        ["System.Collections.Immutable.ImmutableStack`1"] = "ImmutableStack",
        ["System.Collections.Immutable.IImmutableStack`1"] = "ImmutableStack",
        ["System.Collections.Immutable.ImmutableDictionary`2"] = "ImmutableDictionary",
        ["System.Collections.Immutable.IImmutableDictionary`2"] = "ImmutableDictionary",
        ["System.Collections.Immutable.ImmutableSortedDictionary`2"] = "ImmutableSortedDictionary",
    };

    /// <summary>The <c>JsonMetadataServices</c> converter property for a natively supported type, or null.</summary>
    public static string? ValueConverter(ITypeSymbol type)
    {
        if (type is IArrayTypeSymbol { Rank: 1, ElementType.SpecialType: SpecialType.System_Byte })
        {
            return "ByteArrayConverter";
        }

        return ValueConverters.TryGetValue(MetadataName(type), out var converter) ? converter : null;
    }

    public static bool IsSupportedDictionaryKey(ITypeSymbol key) =>
        key.TypeKind == TypeKind.Enum || DictionaryKeys.Contains(MetadataName(key));

    /// <summary>Recognizes the well-known generic collections by their definition; null when <paramref name="type"/> is none.</summary>
    public static (JsonCollectionKind Kind, bool IsInterface, string? CreateRange)? KnownCollection(INamedTypeSymbol type)
    {
        if (!type.IsGenericType)
        {
            return null;
        }

        var definition = MetadataName(type.OriginalDefinition);
        if (Sequences.TryGetValue(definition, out var known))
        {
            return (known.Kind, known.IsInterface, null);
        }

        if (ImmutableFactories.TryGetValue(definition, out var factory))
        {
            var kind = type.TypeArguments.Length == 2 ? JsonCollectionKind.ImmutableDictionary : JsonCollectionKind.ImmutableEnumerable;
            return (kind, type.TypeKind == TypeKind.Interface, "global::System.Collections.Immutable." + factory);
        }

        return null;
    }

    /// <summary>A well-known collection, or a concrete class recognized through the collection interface it implements.</summary>
    public static (JsonCollectionKind Kind, bool IsInterface, string? CreateRange)? Collection(INamedTypeSymbol type) =>
        KnownCollection(type) ?? FallbackCollection(type);

    public static (ITypeSymbol? Key, ITypeSymbol Element) CollectionArguments(INamedTypeSymbol type, JsonCollectionKind kind)
    {
        var isDictionary = kind is JsonCollectionKind.Dictionary or JsonCollectionKind.IDictionary
            or JsonCollectionKind.IReadOnlyDictionary or JsonCollectionKind.ImmutableDictionary;
        if (KnownCollection(type) is not null)
        {
            return isDictionary ? (type.TypeArguments[0], type.TypeArguments[1]) : (null, type.TypeArguments[0]);
        }

        // A concrete type recognized through the interface it implements.
        var definition = isDictionary ? "System.Collections.Generic.IDictionary`2" : "System.Collections.Generic.ICollection`1";
        var implemented = type.AllInterfaces.First(i => MetadataName(i.OriginalDefinition) == definition);
        return isDictionary ? (implemented.TypeArguments[0], implemented.TypeArguments[1]) : (null, implemented.TypeArguments[0]);
    }

    // A concrete class with a public parameterless constructor that implements a generic collection interface.
    private static (JsonCollectionKind Kind, bool IsInterface, string? CreateRange)? FallbackCollection(INamedTypeSymbol type)
    {
        if (type.TypeKind != TypeKind.Class || type.IsAbstract || !JsonShapeReader.HasPublicParameterlessConstructor(type))
        {
            return null;
        }

        bool Implements(string definition) =>
            type.AllInterfaces.Any(i => MetadataName(i.OriginalDefinition) == definition);

        if (Implements("System.Collections.Generic.IDictionary`2"))
        {
            return (JsonCollectionKind.IDictionary, false, null);
        }

        if (Implements("System.Collections.Generic.ISet`1"))
        {
            return (JsonCollectionKind.Set, false, null);
        }

        if (Implements("System.Collections.Generic.IList`1"))
        {
            return (JsonCollectionKind.IList, false, null);
        }

        return Implements("System.Collections.Generic.ICollection`1") ? (JsonCollectionKind.Collection, false, null) : null;
    }

    /// <summary><c>Namespace.Name`N</c>, with type arguments in brackets for constructed types (<c>System.Memory`1[System.Byte]</c>).</summary>
    public static string MetadataName(ITypeSymbol type)
    {
        var name = type.ContainingNamespace is { IsGlobalNamespace: false } ns
            ? ns.ToDisplayString() + "." + type.MetadataName
            : type.MetadataName;
        if (type is INamedTypeSymbol { IsGenericType: true } named && !SymbolEqualityComparer.Default.Equals(named, named.OriginalDefinition))
        {
            var args = new List<string>();
            foreach (var argument in named.TypeArguments)
            {
                args.Add(MetadataName(argument));
            }

            name += "[" + string.Join(",", args) + "]";
        }

        return name;
    }
}
