using System;
using System.Collections.Generic;
using System.Linq;
using Live.Generators.Model;
using Microsoft.CodeAnalysis;

namespace Live.Generators.Components;

/// <summary>
/// Finds the members marked <c>[LiveKey]</c> on every type reachable from a state type (through members, collection
/// elements, type arguments and <c>[JsonDerivedType]</c>s). The runtime diffs lists of such items by that key.
/// </summary>
internal static class LiveKeyCollector
{
    /// <summary>The C# names of the key members, sorted and distinct.</summary>
    public static EquatableArray<string> Collect(ITypeSymbol stateType)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        var visited = new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default);
        var pending = new Stack<ITypeSymbol>();
        pending.Push(stateType);
        while (pending.Count > 0)
        {
            var type = pending.Pop();
            if (!visited.Add(type))
            {
                continue;
            }

            switch (type)
            {
                case IArrayTypeSymbol array:
                    pending.Push(array.ElementType);
                    continue;
                case not INamedTypeSymbol:
                    continue;
            }

            var named = (INamedTypeSymbol)type;
            foreach (var argument in named.TypeArguments)
            {
                pending.Push(argument);
            }

            // Framework types (collections, primitives, Nullable<T>) have no keys; only their type arguments matter.
            if (IsFrameworkType(named) || named.TypeKind is not (TypeKind.Class or TypeKind.Struct))
            {
                continue;
            }

            foreach (var derived in named.GetAttributes()
                .Where(a => a.AttributeClass?.ToDisplayString() == "System.Text.Json.Serialization.JsonDerivedTypeAttribute")
                .Select(a => a.ConstructorArguments.FirstOrDefault().Value)
                .OfType<ITypeSymbol>())
            {
                pending.Push(derived);
            }

            for (var current = named; current is not null && !IsFrameworkType(current); current = current.BaseType)
            {
                foreach (var member in current.GetMembers())
                {
                    if (member.IsStatic || member is not (IPropertySymbol { IsIndexer: false } or IFieldSymbol { IsImplicitlyDeclared: false }))
                    {
                        continue;
                    }

                    if (IsKey(member))
                    {
                        names.Add(member.Name);
                    }

                    if (member.DeclaredAccessibility == Accessibility.Public)
                    {
                        pending.Push(member is IPropertySymbol property ? property.Type : ((IFieldSymbol)member).Type);
                    }
                }
            }
        }

        return new EquatableArray<string>(names);
    }

    private static bool IsKey(ISymbol member)
    {
        // [LiveKey] is inherited: an override of a key property is a key too.
        for (var current = member; current is not null; current = (current as IPropertySymbol)?.OverriddenProperty)
        {
            if (current.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == WellKnownNames.LiveKeyAttribute))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsFrameworkType(INamedTypeSymbol type)
    {
        var ns = type.ContainingNamespace;
        while (ns is { IsGlobalNamespace: false, ContainingNamespace.IsGlobalNamespace: false })
        {
            ns = ns.ContainingNamespace;
        }

        return type.SpecialType != SpecialType.None || ns is { IsGlobalNamespace: false, Name: "System" or "Microsoft" };
    }
}
