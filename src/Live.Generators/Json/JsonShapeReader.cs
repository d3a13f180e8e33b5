// Entry point for the main generator:
//
//     JsonShapeSet set = JsonShapeReader.Read(roots, compilation.Assembly);
//
// roots: the state type, every [PublicAction] parameter type and every result type (Task<T>/ValueTask<T> already
// unwrapped to T). compilationAssembly: the assembly the metadata is emitted into (decides what `internal` can reach).
// Walks every type reachable from the roots and returns value-equatable shapes plus the unsupported types, each with a
// location-free reason, so the caller can raise one diagnostic per entry. Pass the result to JsonMetadataEmitter.Emit.
//
// Deliberately unsupported (each reported with a reason): object/dynamic (no static shape), interfaces other than the
// known collection interfaces, abstract classes without [JsonDerivedType] (with it, the derived types are read too and
// System.Text.Json handles the discriminator), delegates, pointers,
// ref structs, nint/nuint, tasks and CancellationToken (not data), open generics, multi-dimensional arrays,
// non-generic collections, dictionaries keyed by anything but string/integer/Guid/char/enum, types and members
// generated code cannot name (private nested types), and classes without a usable constructor.
using System.Collections.Generic;
using System.Linq;
using Live.Generators.Model;
using Microsoft.CodeAnalysis;

namespace Live.Generators.Json;

/// <summary>Collects the JSON shapes of every type reachable from a set of root types.</summary>
internal sealed class JsonShapeReader
{
    private readonly IAssemblySymbol compilationAssembly;
    private readonly Dictionary<string, JsonTypeShape?> visited = new(System.StringComparer.Ordinal);
    private readonly Queue<(ITypeSymbol Type, string Path)> pending = new();
    private readonly List<JsonUnsupportedType> unsupported = new();
    private readonly HashSet<string> reportedKeys = new(System.StringComparer.Ordinal);

    /// <summary>The reason given for types the compiler could not resolve (the compiler already reports those).</summary>
    internal const string UnresolvedReason = "the type could not be resolved";

    private JsonShapeReader(IAssemblySymbol compilationAssembly) => this.compilationAssembly = compilationAssembly;

    /// <summary>Reads the shapes of <paramref name="roots"/> and everything they reach.</summary>
    public static JsonShapeSet Read(IEnumerable<ITypeSymbol> roots, IAssemblySymbol compilationAssembly)
    {
        var reader = new JsonShapeReader(compilationAssembly);
        foreach (var root in roots)
        {
            reader.Enqueue(root, root.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat));
        }

        while (reader.pending.Count > 0)
        {
            var (type, path) = reader.pending.Dequeue();
            var name = TypeName(type);
            if (!reader.visited.ContainsKey(name))
            {
                reader.visited[name] = null;
                reader.visited[name] = reader.ReadShape(type, path);
            }
        }

        var shapes = reader.visited.Values
            .Where(shape => shape is not null)
            .Select(shape => shape!)
            .OrderBy(shape => shape.TypeName, System.StringComparer.Ordinal);
        return new JsonShapeSet(new EquatableArray<JsonTypeShape>(shapes), new EquatableArray<JsonUnsupportedType>(reader.unsupported));
    }

    /// <summary>Fully-qualified, <c>global::</c>-prefixed, without nullable reference annotations (so <c>typeof</c> accepts it).</summary>
    internal static string TypeName(ITypeSymbol type) =>
        type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);

    internal void Enqueue(ITypeSymbol type, string path) => pending.Enqueue((type, path));

    /// <summary>Whether the reader supports <paramref name="type"/> at all (checked before a member is kept).</summary>
    internal string? UnsupportedReason(ITypeSymbol type) => Classify(type, out _);

    internal void Report(ITypeSymbol type, string reason, string path)
    {
        var display = type.ToDisplayString();
        if (reportedKeys.Add(display + "\n" + reason))
        {
            unsupported.Add(new JsonUnsupportedType(display, reason, path));
        }
    }

    internal bool IsAccessible(ISymbol symbol)
    {
        for (var current = symbol; current is not null && current is not INamespaceSymbol; current = current.ContainingSymbol)
        {
            var accessible = current.DeclaredAccessibility switch
            {
                Accessibility.Public => true,
                Accessibility.Internal or Accessibility.ProtectedOrInternal =>
                    SymbolEqualityComparer.Default.Equals(current.ContainingAssembly, compilationAssembly)
                    || current.ContainingAssembly.GivesAccessTo(compilationAssembly),
                Accessibility.NotApplicable => true,
                _ => false,
            };
            if (!accessible)
            {
                return false;
            }
        }

        return true;
    }

    private JsonTypeShape? ReadShape(ITypeSymbol type, string path)
    {
        var reason = Classify(type, out var kind);
        if (reason is not null)
        {
            Report(type, reason, path);
            return null;
        }

        var name = TypeName(type);
        var display = type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
        switch (kind)
        {
            case JsonShapeKind.Value:
                return new JsonTypeShape(name, display, kind, type.IsValueType, JsonKnownTypes.ValueConverter(type), null, null, null);
            case JsonShapeKind.Enum:
                return new JsonTypeShape(name, display, kind, true, null, null, null, null, ReadEnum(type));
            case JsonShapeKind.CustomConverter:
                return new JsonTypeShape(name, display, kind, type.IsValueType, TypeName(ConverterType(type)!), null, null, null, ReadEnum(type));
            case JsonShapeKind.Nullable:
                var underlying = ((INamedTypeSymbol)type).TypeArguments[0];
                Enqueue(underlying, path);
                return new JsonTypeShape(name, display, kind, true, null, TypeName(underlying), null, null);
            case JsonShapeKind.Collection:
            case JsonShapeKind.Dictionary:
                return new JsonTypeShape(name, display, kind, type.IsValueType, null, null, ReadCollection(type, path), null);
            default:
                // System.Text.Json reads [JsonPolymorphic]/[JsonDerivedType] from the type itself; we only have to
                // provide metadata for every derived type it may meet.
                foreach (var derived in DerivedTypes(type))
                {
                    Enqueue(derived, path);
                }

                var obj = JsonObjectShapeReader.Read(this, (INamedTypeSymbol)type, path);
                return new JsonTypeShape(name, display, kind, type.IsValueType, null, null, null, obj);
        }
    }

    private static JsonEnumShape? ReadEnum(ITypeSymbol type)
    {
        if (type.TypeKind != TypeKind.Enum)
        {
            return null;
        }

        var converter = ConverterType(type);
        var isString = converter is not null && converter.OriginalDefinition.ToDisplayString() is
            "System.Text.Json.Serialization.JsonStringEnumConverter" or "System.Text.Json.Serialization.JsonStringEnumConverter<TEnum>";
        var isFlags = type.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == "System.FlagsAttribute");
        var members = type.GetMembers().OfType<IFieldSymbol>()
            .Where(f => f.IsConst && f.HasConstantValue)
            .Select(f => new JsonEnumMember(
                f.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == "System.Text.Json.Serialization.JsonStringEnumMemberNameAttribute")
                    is { ConstructorArguments.Length: 1 } named && named.ConstructorArguments[0].Value is string jsonName ? jsonName : f.Name,
                System.Convert.ToString(f.ConstantValue, System.Globalization.CultureInfo.InvariantCulture) ?? "0"));
        return new JsonEnumShape(new EquatableArray<JsonEnumMember>(members), isString, isFlags);
    }

    private JsonCollectionShape ReadCollection(ITypeSymbol type, string path)
    {
        if (type is IArrayTypeSymbol array)
        {
            Enqueue(array.ElementType, path + "[]");
            return new JsonCollectionShape(JsonCollectionKind.Array, TypeName(array.ElementType), null, false, null);
        }

        var named = (INamedTypeSymbol)type;
        var (kind, isInterface, createRange) = JsonKnownTypes.Collection(named)!.Value;
        var (key, element) = JsonKnownTypes.CollectionArguments(named, kind);
        if (key is not null)
        {
            Enqueue(key, path + "[key]");
        }

        Enqueue(element, path + "[]");
        var creator = !isInterface && createRange is null && HasPublicParameterlessConstructor(named);
        return new JsonCollectionShape(kind, TypeName(element), key is null ? null : TypeName(key), creator, createRange);
    }

    // Null when supported; kind says how.
    private string? Classify(ITypeSymbol type, out JsonShapeKind kind)
    {
        kind = JsonShapeKind.Object;
        switch (type.TypeKind)
        {
            case TypeKind.Error:
                return UnresolvedReason;
            case TypeKind.Dynamic:
                return "dynamic has no shape known at compile time; use a concrete type or JsonElement";
            case TypeKind.Pointer or TypeKind.FunctionPointer:
                return "pointers cannot be serialized";
            case TypeKind.Delegate:
                return "delegates cannot be serialized; keep callbacks out of state, arguments and results";
            case TypeKind.TypeParameter:
                return "open generic type parameters cannot be serialized; use a closed type";
        }

        if (ContainsTypeParameter(type))
        {
            return "open generic types cannot be serialized; use a closed type";
        }

        if (type.IsRefLikeType)
        {
            return "ref structs (Span<T>, ReadOnlySpan<T>…) cannot be serialized; use an array or a list";
        }

        if (!IsAccessibleType(type))
        {
            return "the type is not accessible to generated code; make it (and its containing types) public or internal";
        }

        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T })
        {
            kind = JsonShapeKind.Nullable;
            return null;
        }

        if (ConverterType(type) is { } converter)
        {
            kind = JsonShapeKind.CustomConverter;
            return HasPublicParameterlessConstructor(converter) && IsAccessible(converter)
                ? null
                : $"its [JsonConverter] type {converter.ToDisplayString()} needs an accessible public parameterless constructor";
        }

        if (JsonKnownTypes.ValueConverter(type) is not null)
        {
            kind = JsonShapeKind.Value;
            return null;
        }

        if (type.TypeKind == TypeKind.Enum)
        {
            kind = JsonShapeKind.Enum;
            return null;
        }

        switch (type.SpecialType)
        {
            case SpecialType.System_Object:
                return "object has no shape known at compile time, so its JSON cannot be generated without reflection; use a concrete type or JsonElement";
            case SpecialType.System_IntPtr or SpecialType.System_UIntPtr:
                return "nint and nuint cannot be serialized; use int or long";
        }

        if (type is IArrayTypeSymbol array)
        {
            kind = JsonShapeKind.Collection;
            return array.IsSZArray ? null : "multi-dimensional arrays cannot be serialized; use jagged arrays (T[][])";
        }

        var named = (INamedTypeSymbol)type;
        var ns = named.ContainingNamespace?.ToDisplayString();
        if (ns == "System.Threading.Tasks" || JsonKnownTypes.MetadataName(named) == "System.Threading.CancellationToken")
        {
            return "tasks and cancellation tokens are not data; await the task and serialize its result";
        }

        var collection = JsonKnownTypes.Collection(named);
        if (collection is { } known)
        {
            kind = known.Kind is JsonCollectionKind.Dictionary or JsonCollectionKind.IDictionary
                or JsonCollectionKind.IReadOnlyDictionary or JsonCollectionKind.ImmutableDictionary
                ? JsonShapeKind.Dictionary
                : JsonShapeKind.Collection;
            var (key, _) = JsonKnownTypes.CollectionArguments(named, known.Kind);
            return key is null || JsonKnownTypes.IsSupportedDictionaryKey(key)
                ? null
                : $"dictionary keys must be string, an integer type, Guid, char or an enum, not {key.ToDisplayString()}";
        }

        if (type.TypeKind == TypeKind.Interface)
        {
            return "interfaces cannot be deserialized; use a concrete type (supported collection interfaces: IEnumerable<T>, IReadOnlyList<T>, IReadOnlyCollection<T>, IList<T>, ICollection<T>, ISet<T>, IDictionary<K,V>, IReadOnlyDictionary<K,V>, IImmutable*)";
        }

        if (named.AllInterfaces.Any(i => i.SpecialType == SpecialType.System_Collections_IEnumerable))
        {
            return "this collection type is not supported; use List<T>, T[], HashSet<T>, Dictionary<string, T> or an immutable collection";
        }

        if (type.IsAbstract && DerivedTypes(type).Count == 0)
        {
            return "abstract classes cannot be deserialized; use a concrete type, or list the concrete types with [JsonDerivedType]";
        }

        return null;
    }

    internal static INamedTypeSymbol? ConverterType(ISymbol symbol)
    {
        var attribute = symbol.GetAttributes().FirstOrDefault(a =>
            a.AttributeClass?.ToDisplayString() == "System.Text.Json.Serialization.JsonConverterAttribute");
        return attribute is { ConstructorArguments.Length: 1 } && attribute.ConstructorArguments[0].Value is INamedTypeSymbol converter ? converter : null;
    }

    internal static List<ITypeSymbol> DerivedTypes(ITypeSymbol type) => type.GetAttributes()
        .Where(a => a.AttributeClass?.ToDisplayString() == "System.Text.Json.Serialization.JsonDerivedTypeAttribute"
            && a.ConstructorArguments.Length > 0 && a.ConstructorArguments[0].Value is ITypeSymbol)
        .Select(a => (ITypeSymbol)a.ConstructorArguments[0].Value!)
        .ToList();

    internal static bool HasPublicParameterlessConstructor(INamedTypeSymbol type) =>
        type.IsValueType || type.InstanceConstructors.Any(c => c.Parameters.Length == 0 && c.DeclaredAccessibility == Accessibility.Public);

    private bool IsAccessibleType(ITypeSymbol type) => type switch
    {
        IArrayTypeSymbol array => IsAccessibleType(array.ElementType),
        INamedTypeSymbol named => IsAccessible(named) && named.TypeArguments.All(IsAccessibleType),
        _ => true,
    };

    private static bool ContainsTypeParameter(ITypeSymbol type) => type switch
    {
        ITypeParameterSymbol => true,
        IArrayTypeSymbol array => ContainsTypeParameter(array.ElementType),
        INamedTypeSymbol named => named.IsUnboundGenericType || named.TypeArguments.Any(ContainsTypeParameter),
        _ => false,
    };
}
