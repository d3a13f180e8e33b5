using System.Collections.Generic;
using Live.Generators.Model;
using Microsoft.CodeAnalysis;

namespace Live.Generators.Components;

/// <summary>Finds the state members that get a proxy property on the component.</summary>
internal static class StateMemberParser
{
    public static EquatableArray<StateMemberModel> Parse(INamedTypeSymbol component, ITypeSymbol stateType)
    {
        // A proxy must not collide with anything the component can already see (its own members, State,
        // InstanceId, Connection, User, ...) nor with the name of an enclosing type (CS0542).
        var taken = new HashSet<string>();
        for (var type = component; type is not null; type = type.BaseType)
        {
            foreach (var name in type.MemberNames)
            {
                taken.Add(name);
            }
        }

        for (INamedTypeSymbol? type = component; type is not null; type = type.ContainingType)
        {
            taken.Add(type.Name);
        }

        var componentIsPublic = IsPubliclyVisible(component);
        var members = new List<StateMemberModel>();
        for (var type = stateType; type is not null && type.SpecialType != SpecialType.System_Object; type = type.BaseType)
        {
            foreach (var member in type.GetMembers())
            {
                if (member is not IPropertySymbol
                    {
                        IsStatic: false,
                        IsIndexer: false,
                        DeclaredAccessibility: Accessibility.Public,
                        GetMethod.DeclaredAccessibility: Accessibility.Public,
                        SetMethod.DeclaredAccessibility: Accessibility.Public,
                    } property)
                {
                    continue;
                }

                // 'taken' also swallows overridden members met again on a base record.
                if (!taken.Add(property.Name))
                {
                    continue;
                }

                members.Add(new StateMemberModel(property.Name, TypeNames.ToAnnotated(property.Type), ProxyAccessibility(component, componentIsPublic, property.Type)));
            }
        }

        return new EquatableArray<StateMemberModel>(members);
    }

    private static string ProxyAccessibility(INamedTypeSymbol component, bool componentIsPublic, ITypeSymbol memberType)
    {
        if (component.IsSealed)
        {
            // A new protected member of a sealed type is warning CS0628; nothing can derive anyway.
            return "private";
        }

        // A protected member of a public type must not expose an internal type (CS0053).
        return componentIsPublic && !IsPubliclyVisible(memberType) ? "private protected" : "protected";
    }

    private static bool IsPubliclyVisible(ITypeSymbol type)
    {
        switch (type)
        {
            case IArrayTypeSymbol array:
                return IsPubliclyVisible(array.ElementType);
            case ITypeParameterSymbol:
                return true;
            case INamedTypeSymbol named:
                for (INamedTypeSymbol? t = named; t is not null; t = t.ContainingType)
                {
                    if (t.DeclaredAccessibility is not (Accessibility.Public or Accessibility.NotApplicable))
                    {
                        return false;
                    }
                }

                foreach (var argument in named.TypeArguments)
                {
                    if (!IsPubliclyVisible(argument))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return true;
        }
    }
}
