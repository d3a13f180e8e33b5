using System.Linq;
using System.Threading;
using Live.Generators.Diagnostics;
using Microsoft.CodeAnalysis;

namespace Live.Generators.Components;

/// <summary>
/// Finds <c>[PublicAction]</c> methods whose class is not a <c>[LiveComponent]</c> (LIVE005). Actions are only read
/// from the component class itself, so one in a base class or an unrelated class would silently never be callable.
/// </summary>
internal static class OrphanActionParser
{
    public static DiagnosticInfo? Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var containingType = context.TargetSymbol.ContainingType;
        if (containingType is null)
        {
            return null;
        }

        var isComponent = containingType.GetAttributes().Any(a =>
            a.AttributeClass is { } c && TypeSupport.MetadataName(c) == WellKnownNames.LiveComponentAttribute);
        if (isComponent)
        {
            return null;
        }

        return DiagnosticInfo.Create(
            DiagnosticDescriptors.ActionOutsideComponent,
            LocationInfo.From(context.Attributes[0].ApplicationSyntaxReference?.GetSyntax(cancellationToken)),
            context.TargetSymbol.Name,
            containingType.Name);
    }
}
