using System;
using System.Collections.Generic;
using System.Linq;
using Live.Generators.Model;
using Microsoft.CodeAnalysis;

namespace Live.Generators.Json;

/// <summary>
/// Reads an object's serialized members and deserialization constructor with the rules of System.Text.Json's
/// reflection resolver, so generated and reflection-based JSON agree.
/// </summary>
internal static class JsonObjectShapeReader
{
    private const string Attributes = "System.Text.Json.Serialization.";

    private static readonly SymbolDisplayFormat AnnotatedFormat = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    public static JsonObjectShape Read(JsonShapeReader reader, INamedTypeSymbol type, string path)
    {
        var members = ReadMembers(reader, type, path);
        var (constructor, access) = SelectConstructor(reader, type, path);
        var parameters = new List<JsonParameterShape>();
        if (constructor is not null)
        {
            foreach (var parameter in constructor.Parameters)
            {
                var match = members.FindIndex(m =>
                    string.Equals(m.Shape.Name, parameter.Name, StringComparison.OrdinalIgnoreCase)
                    && SymbolEqualityComparer.Default.Equals(m.Type, parameter.Type));
                if (match < 0 || reader.UnsupportedReason(parameter.Type) is not null)
                {
                    // A positional record's unsupported member was reported with its own reason; saying again that
                    // its constructor parameter has no match would report one mistake twice.
                    var memberReported = reader.UnsupportedReason(parameter.Type) is not null
                        && AllMembers(type).Any(m => m is IPropertySymbol or IFieldSymbol && string.Equals(m.Name, parameter.Name, StringComparison.OrdinalIgnoreCase));
                    if (!memberReported)
                    {
                        reader.Report(type, $"constructor parameter '{parameter.Name}' must match a serialized property of the same name and a supported type", path);
                    }

                    access = JsonMemberAccess.None;
                    parameters.Clear();
                    break;
                }

                var shape = members[match].Shape;
                members[match] = (members[match].Type, shape with
                {
                    ConstructorParameterIndex = parameter.Ordinal,
                    Setter = shape.IsInitOnly ? JsonMemberAccess.None : shape.Setter,
                });
                parameters.Add(new JsonParameterShape(
                    parameter.Name,
                    JsonShapeReader.TypeName(parameter.Type),
                    parameter.Type.ToDisplayString(AnnotatedFormat),
                    parameter.Ordinal,
                    parameter.HasExplicitDefaultValue ? JsonLiterals.DefaultValue(parameter.Type, parameter.ExplicitDefaultValue) : null,
                    IsNullable(parameter.Type, parameter.NullableAnnotation) ?? true));
            }
        }

        return new JsonObjectShape(
            new EquatableArray<JsonPropertyShape>(members.Select(m => m.Shape)),
            new EquatableArray<JsonParameterShape>(parameters),
            access,
            access == JsonMemberAccess.UnsafeAccessor && constructor is not null
                ? GenericAccess(type, constructor.OriginalDefinition.Parameters.Select(p => p.Type))
                : null);
    }

    private static List<(ITypeSymbol Type, JsonPropertyShape Shape)> ReadMembers(JsonShapeReader reader, INamedTypeSymbol type, string path)
    {
        var hierarchy = new List<INamedTypeSymbol>();
        for (var current = type; current is not null && current.SpecialType is not (SpecialType.System_Object or SpecialType.System_ValueType); current = current.BaseType)
        {
            hierarchy.Add(current);
        }

        // Like the reflection resolver: the most derived type's members first; an override or `new` member hides the
        // base declaration of the same name; per type, properties before fields.
        var members = new List<(ITypeSymbol Type, JsonPropertyShape Shape)>();
        foreach (var declaring in hierarchy)
        {
            foreach (var symbol in declaring.GetMembers().OrderBy(m => m is IFieldSymbol ? 1 : 0))
            {
                if (members.Any(m => m.Shape.Name == symbol.Name) || ReadMember(reader, declaring, symbol, path) is not { } member)
                {
                    continue;
                }

                if (!members.Any(m => m.Shape.Name == member.Shape.Name))
                {
                    members.Add(member);
                }
            }
        }

        return members;
    }

    private static (ITypeSymbol Type, JsonPropertyShape Shape)? ReadMember(JsonShapeReader reader, INamedTypeSymbol declaring, ISymbol symbol, string path)
    {
        if (symbol.IsStatic || symbol.Name.Contains("."))
        {
            return null;
        }

        var hasInclude = HasAttribute(symbol, "JsonIncludeAttribute");
        ITypeSymbol memberType;
        JsonMemberAccess getter, setter;
        bool isInitOnly = false, isVirtual = false;
        NullableAnnotation annotation;
        switch (symbol)
        {
            case IPropertySymbol { IsIndexer: false } property:
                var get = property.GetMethod;
                var set = property.SetMethod;
                if (get?.DeclaredAccessibility != Accessibility.Public && set?.DeclaredAccessibility != Accessibility.Public && !hasInclude)
                {
                    return null;
                }

                memberType = property.Type;
                annotation = property.NullableAnnotation;
                isVirtual = property.IsVirtual || property.IsOverride || property.IsAbstract;
                isInitOnly = set?.IsInitOnly == true;
                getter = get is not null && (get.DeclaredAccessibility == Accessibility.Public || hasInclude)
                    ? (reader.IsAccessible(get) ? JsonMemberAccess.Direct : JsonMemberAccess.UnsafeAccessor)
                    : JsonMemberAccess.None;
                setter = set is not null && (set.DeclaredAccessibility == Accessibility.Public || hasInclude)
                    ? (reader.IsAccessible(set) && !isInitOnly ? JsonMemberAccess.Direct : JsonMemberAccess.UnsafeAccessor)
                    : JsonMemberAccess.None;
                break;
            case IFieldSymbol { IsConst: false, IsImplicitlyDeclared: false } field
                when field.DeclaredAccessibility == Accessibility.Public || hasInclude:
                memberType = field.Type;
                annotation = field.NullableAnnotation;
                getter = reader.IsAccessible(field) ? JsonMemberAccess.Direct : JsonMemberAccess.UnsafeAccessor;
                setter = field.IsReadOnly ? JsonMemberAccess.None : getter;
                break;
            default:
                return null;
        }

        var ignore = IgnoreCondition(symbol);
        if (ignore == "Always")
        {
            return null;
        }

        var memberPath = path + "." + symbol.Name;
        var converter = JsonShapeReader.ConverterType(symbol);
        if (converter is not null)
        {
            if (!JsonShapeReader.HasPublicParameterlessConstructor(converter) || !reader.IsAccessible(converter))
            {
                reader.Report(converter, "a [JsonConverter] type needs an accessible public parameterless constructor", memberPath);
                return null;
            }
        }
        else if (reader.UnsupportedReason(memberType) is { } reason)
        {
            reader.Report(memberType, reason, memberPath);
            return null;
        }
        else
        {
            reader.Enqueue(memberType, memberPath);
        }

        var shape = new JsonPropertyShape(
            Name: symbol.Name,
            DeclaringTypeName: JsonShapeReader.TypeName(declaring),
            DeclaringTypeIsValueType: declaring.IsValueType,
            TypeName: JsonShapeReader.TypeName(memberType),
            IsField: symbol is IFieldSymbol,
            IsPublic: symbol.DeclaredAccessibility == Accessibility.Public,
            IsVirtual: isVirtual,
            JsonName: AttributeArgument(symbol, "JsonPropertyNameAttribute") as string,
            IgnoreCondition: ignore,
            HasJsonInclude: hasInclude,
            IsExtensionData: HasAttribute(symbol, "JsonExtensionDataAttribute"),
            Getter: getter,
            Setter: setter,
            IsInitOnly: isInitOnly,
            IsRequired: symbol is IPropertySymbol { IsRequired: true } or IFieldSymbol { IsRequired: true } || HasAttribute(symbol, "JsonRequiredAttribute"),
            ConverterTypeName: converter is null ? null : JsonShapeReader.TypeName(converter),
            Order: AttributeArgument(symbol, "JsonPropertyOrderAttribute") as int?,
            NumberHandling: AttributeArgument(symbol, "JsonNumberHandlingAttribute") as int?,
            IsNullable: IsNullable(memberType, annotation) is { } nullable && !memberType.IsValueType ? nullable : null,
            ConstructorParameterIndex: -1,
            Generic: getter == JsonMemberAccess.UnsafeAccessor || setter == JsonMemberAccess.UnsafeAccessor
                ? GenericAccess(declaring, new[] { symbol.OriginalDefinition is IPropertySymbol open ? open.Type : ((IFieldSymbol)symbol.OriginalDefinition).Type })
                : null);
        return (memberType, shape);
    }

    // The constructor System.Text.Json's reflection resolver would pick: [JsonConstructor], else a public
    // parameterless one, else the only public one; structs use their default value unless [JsonConstructor] says otherwise.
    private static (IMethodSymbol? Constructor, JsonMemberAccess Access) SelectConstructor(JsonShapeReader reader, INamedTypeSymbol type, string path)
    {
        if (type.IsAbstract)
        {
            // Only reached with [JsonDerivedType]: System.Text.Json creates the derived types instead.
            return (null, JsonMemberAccess.None);
        }

        var constructors = type.InstanceConstructors;
        var annotated = constructors.Where(c => HasAttribute(c, "JsonConstructorAttribute")).ToList();
        if (annotated.Count > 1)
        {
            reader.Report(type, "only one constructor may have [JsonConstructor]", path);
            return (null, JsonMemberAccess.None);
        }

        var publicConstructors = constructors.Where(c => c.DeclaredAccessibility == Accessibility.Public).ToList();
        var constructor = annotated.FirstOrDefault()
            ?? (type.IsValueType
                ? publicConstructors.FirstOrDefault(c => c.Parameters.IsEmpty)
                : publicConstructors.FirstOrDefault(c => c.Parameters.IsEmpty) ?? (publicConstructors.Count == 1 ? publicConstructors[0] : null));
        if (constructor is null || (type.IsValueType && constructor.IsImplicitlyDeclared))
        {
            if (type.IsValueType)
            {
                return (null, JsonMemberAccess.DefaultValue);
            }

            reader.Report(type, "it has no public parameterless constructor, no single public constructor and no [JsonConstructor], so it cannot be deserialized; add one", path);
            return (null, JsonMemberAccess.None);
        }

        // `new T()` does not compile when T has `required` members the constructor does not set; the accessor skips
        // that check, and System.Text.Json enforces the required members itself (they are marked IsRequired).
        var needsRequiredMembers = !HasAttribute(constructor, "SetsRequiredMembersAttribute", "System.Diagnostics.CodeAnalysis.")
            && AllMembers(type).Any(m => m is IPropertySymbol { IsRequired: true } or IFieldSymbol { IsRequired: true });
        return (constructor, reader.IsAccessible(constructor) && !needsRequiredMembers ? JsonMemberAccess.Direct : JsonMemberAccess.UnsafeAccessor);
    }

    private static JsonGenericAccess? GenericAccess(INamedTypeSymbol type, IEnumerable<ITypeSymbol> openMemberTypes)
    {
        if (!type.IsGenericType)
        {
            return null;
        }

        return new JsonGenericAccess(
            string.Join(", ", type.OriginalDefinition.TypeParameters.Select(p => p.Name)),
            string.Join(", ", type.TypeArguments.Select(JsonShapeReader.TypeName)),
            JsonShapeReader.TypeName(type.OriginalDefinition),
            new EquatableArray<string>(openMemberTypes.Select(JsonShapeReader.TypeName)));
    }

    private static IEnumerable<ISymbol> AllMembers(INamedTypeSymbol type)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            foreach (var member in current.GetMembers())
            {
                yield return member;
            }
        }
    }

    private static bool? IsNullable(ITypeSymbol type, NullableAnnotation annotation)
    {
        if (type.IsValueType)
        {
            return type.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T;
        }

        return annotation switch
        {
            NullableAnnotation.Annotated => true,
            NullableAnnotation.NotAnnotated => false,
            _ => null,
        };
    }

    private static string? IgnoreCondition(ISymbol symbol)
    {
        var attribute = FindAttribute(symbol, "JsonIgnoreAttribute", Attributes);
        if (attribute is null)
        {
            return null;
        }

        foreach (var argument in attribute.NamedArguments)
        {
            if (argument.Key == "Condition" && argument.Value.Type is INamedTypeSymbol conditionType)
            {
                return conditionType.GetMembers().OfType<IFieldSymbol>()
                    .FirstOrDefault(f => f.HasConstantValue && Equals(f.ConstantValue, argument.Value.Value))?.Name;
            }
        }

        return "Always";
    }

    private static object? AttributeArgument(ISymbol symbol, string name) =>
        FindAttribute(symbol, name, Attributes) is { ConstructorArguments.Length: 1 } attribute ? attribute.ConstructorArguments[0].Value : null;

    private static bool HasAttribute(ISymbol symbol, string name, string ns = Attributes) => FindAttribute(symbol, name, ns) is not null;

    private static AttributeData? FindAttribute(ISymbol symbol, string name, string ns) =>
        symbol.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == ns + name);
}
