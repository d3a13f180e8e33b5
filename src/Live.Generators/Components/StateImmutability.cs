using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Live.Generators.Components;

/// <summary>
/// Decides whether a state type's whole graph is immutable, so the runtime may diff it as typed objects (an
/// unchanged reference then means unchanged JSON) instead of re-serializing it. Immutable: scalars (primitives,
/// strings, enums, <c>Guid</c>, dates and times, <c>Uri</c>, <c>Nullable</c> of those), the concrete
/// <c>System.Collections.Immutable</c> collections of immutable items, and records/classes/structs whose every
/// instance field is read-only (get-only and init-only auto-properties) and whose public properties are of immutable
/// types — through base types. Anything else (arrays, <c>List</c>, interfaces, <c>object</c>, a settable property,
/// a type with a <c>[JsonConverter]</c>, polymorphism or extension data) makes the state mutable: the runtime then
/// keeps its JSON diff.
/// </summary>
internal static class StateImmutability
{
    private static readonly HashSet<string> ScalarTypes =
    [
        "System.Guid", "System.DateTime", "System.DateTimeOffset", "System.TimeSpan", "System.DateOnly", "System.TimeOnly",
        "System.Uri", "System.Decimal",
    ];

    private static readonly HashSet<string> ImmutableCollections =
    [
        "System.Collections.Immutable.ImmutableList`1", "System.Collections.Immutable.ImmutableArray`1",
        "System.Collections.Immutable.ImmutableDictionary`2", "System.Collections.Immutable.ImmutableSortedDictionary`2",
        "System.Collections.Immutable.ImmutableHashSet`1", "System.Collections.Immutable.ImmutableSortedSet`1",
        "System.Collections.Immutable.ImmutableQueue`1", "System.Collections.Immutable.ImmutableStack`1",
    ];

    private static readonly HashSet<string> DisqualifyingAttributes =
    [
        "System.Text.Json.Serialization.JsonConverterAttribute", "System.Text.Json.Serialization.JsonPolymorphicAttribute",
        "System.Text.Json.Serialization.JsonDerivedTypeAttribute", "System.Text.Json.Serialization.JsonExtensionDataAttribute",
    ];

    /// <summary>Whether every value reachable from <paramref name="stateType"/> is immutable.</summary>
    public static bool IsImmutable(ITypeSymbol stateType) => IsImmutable(stateType, new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default));

    private static bool IsImmutable(ITypeSymbol type, HashSet<ITypeSymbol> visiting)
    {
        if (type.SpecialType is >= SpecialType.System_Boolean and <= SpecialType.System_String || type.TypeKind == TypeKind.Enum)
        {
            return true;
        }

        if (type is not INamedTypeSymbol named || type.TypeKind is not (TypeKind.Class or TypeKind.Struct))
        {
            return false; // arrays, interfaces, type parameters, pointers, dynamic
        }

        var metadataName = MetadataName(named.OriginalDefinition);
        if (ScalarTypes.Contains(metadataName))
        {
            return true;
        }

        if (named.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T
            || ImmutableCollections.Contains(metadataName))
        {
            return named.TypeArguments.All(argument => IsImmutable(argument, visiting));
        }

        if (IsFrameworkType(named) || named.SpecialType == SpecialType.System_Object)
        {
            return false; // List<T>, Dictionary<K,V>, StringBuilder…: mutable or unknown
        }

        if (!visiting.Add(named))
        {
            return true; // already being checked further up: the answer comes from there
        }

        if (HasDisqualifyingAttribute(named))
        {
            return false;
        }

        for (var current = named; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
        {
            if (current.SpecialType == SpecialType.System_ValueType)
            {
                break;
            }

            foreach (var member in current.GetMembers())
            {
                if (member.IsStatic)
                {
                    continue;
                }

                switch (member)
                {
                    case IFieldSymbol field:
                        if (!field.IsReadOnly && !field.IsConst)
                        {
                            return false;
                        }

                        if (!IsImmutable(field.Type, visiting) || HasDisqualifyingAttribute(field))
                        {
                            return false;
                        }

                        break;
                    case IPropertySymbol { IsIndexer: false } property when property.DeclaredAccessibility == Accessibility.Public:
                        if (property.SetMethod is { IsInitOnly: false } || HasDisqualifyingAttribute(property))
                        {
                            return false;
                        }

                        if (!IsImmutable(property.Type, visiting))
                        {
                            return false;
                        }

                        break;
                }
            }
        }

        return true;
    }

    private static string MetadataName(INamedTypeSymbol type) =>
        type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() + "." + type.MetadataName : type.MetadataName;

    private static bool HasDisqualifyingAttribute(ISymbol symbol) =>
        symbol.GetAttributes().Any(a => a.AttributeClass is { } c && DisqualifyingAttributes.Contains(c.ToDisplayString()));

    private static bool IsFrameworkType(INamedTypeSymbol type)
    {
        var ns = type.ContainingNamespace;
        while (ns is { IsGlobalNamespace: false, ContainingNamespace.IsGlobalNamespace: false })
        {
            ns = ns.ContainingNamespace;
        }

        return ns is { IsGlobalNamespace: false, Name: "System" or "Microsoft" };
    }
}
