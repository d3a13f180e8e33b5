using System.Collections.Generic;
using System.Linq;
using Live.Generators.Authorization;
using Live.Generators.Diagnostics;
using Live.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Live.Generators.Components;

/// <summary>Turns the <c>[PublicAction]</c> methods of a component into <see cref="ActionModel"/>s, or diagnostics.</summary>
internal static class ActionParser
{
    // Methods the runtime calls itself (or that every object has): exposing them to clients would let a client
    // drive the component's lifecycle.
    private static readonly HashSet<string> ReservedNames = new()
    {
        "OnMountAsync",
        "OnActionExecutingAsync",
        "OnStateChangedAsync",
        "OnDisconnectAsync",
        "OnDestroyAsync",
        "CreateInitialState",
        "Dispose",
        "DisposeAsync",
        "ToString",
        "GetHashCode",
        "Equals",
        "GetType",
        "Finalize",
        "MemberwiseClone",
    };

    public static EquatableArray<ActionModel> Parse(
        INamedTypeSymbol component,
        INamedTypeSymbol publicActionAttribute,
        List<DiagnosticInfo> diagnostics,
        List<WireTypeRoot> wireTypes)
    {
        var actions = new List<ActionModel>();
        var wireNames = new Dictionary<string, string>();
        foreach (var method in component.GetMembers().OfType<IMethodSymbol>())
        {
            var attribute = method.GetAttributes().FirstOrDefault(a =>
                SymbolEqualityComparer.Default.Equals(a.AttributeClass, publicActionAttribute));
            if (attribute is null)
            {
                continue;
            }

            var action = ParseOne(method, attribute, diagnostics);
            if (action is null)
            {
                continue;
            }

            if (wireNames.TryGetValue(action.WireName, out var existing))
            {
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.DuplicateActionName,
                    MethodIdentifier(method),
                    method.Name,
                    action.WireName,
                    existing));
                continue;
            }

            wireNames.Add(action.WireName, method.Name);
            actions.Add(action);
            AddWireTypes(method, wireTypes);
        }

        return new EquatableArray<ActionModel>(actions);
    }

    /// <summary>The parameter and result types of a valid action (<see cref="JsonRoots"/>), where the author wrote them.</summary>
    private static void AddWireTypes(IMethodSymbol method, List<WireTypeRoot> wireTypes)
    {
        foreach (var (type, parameter) in JsonRoots.OfAction(method))
        {
            var location = parameter is not null
                ? ParameterTypeLocation(parameter.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax() as ParameterSyntax, includeRefModifier: false)
                : LocationInfo.From((method.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax() as MethodDeclarationSyntax)?.ReturnType);
            wireTypes.Add(new WireTypeRoot(type, location ?? MethodIdentifier(method)));
        }
    }

    private static ActionModel? ParseOne(IMethodSymbol method, AttributeData attribute, List<DiagnosticInfo> diagnostics)
    {
        var lifecycleReason = method switch
        {
            { IsOverride: true } => "overrides an inherited method",
            _ when ReservedNames.Contains(method.Name) => "is a lifecycle or object method",
            _ => null,
        };
        if (lifecycleReason is not null)
        {
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.ActionOnLifecycleMethod,
                LocationInfo.From(attribute.ApplicationSyntaxReference?.GetSyntax()),
                method.Name,
                lifecycleReason));
            return null;
        }

        var shapeReason = method switch
        {
            { MethodKind: not MethodKind.Ordinary } => "is not an ordinary method",
            { DeclaredAccessibility: not Accessibility.Public } => "is not public",
            { IsStatic: true } => "is static",
            { IsGenericMethod: true } => "is generic",
            _ => null,
        };
        if (shapeReason is not null)
        {
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.ActionMustBePublicInstanceMethod,
                MethodIdentifier(method),
                method.Name,
                shapeReason));
            return null;
        }

        var wireName = NameRules.ToActionWireName(method.Name);
        foreach (var argument in attribute.NamedArguments)
        {
            if (argument.Key == "Name" && argument.Value.Value is string explicitName)
            {
                wireName = explicitName;
            }
        }

        var valid = true;
        if (!NameRules.IsValidWireName(wireName))
        {
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.InvalidActionName,
                LocationInfo.From((SyntaxNode?)NameArgumentSyntax(attribute) ?? attribute.ApplicationSyntaxReference?.GetSyntax()),
                wireName,
                method.Name));
            valid = false;
        }

        var parameters = new List<ActionParameterModel>();
        foreach (var parameter in method.Parameters)
        {
            var model = ParseParameter(method, parameter, diagnostics);
            if (model is null)
            {
                valid = false;
            }
            else
            {
                parameters.Add(model);
            }
        }

        var result = ParseReturn(method, diagnostics);
        var authorization = AuthorizationParser.ForAction(method, diagnostics);
        var rateLimit = AuthorizationParser.RateLimit(method, diagnostics);
        if (result is null || !valid)
        {
            return null;
        }

        var (kind, resultType) = result.Value;
        return new ActionModel(
            wireName,
            method.Name,
            new EquatableArray<ActionParameterModel>(parameters),
            kind,
            resultType is null ? null : TypeNames.ToAnnotated(resultType),
            resultType is null ? null : TypeNames.ToPlain(resultType),
            resultType is not null && TypeNames.AllowsNull(resultType),
            authorization,
            rateLimit);
    }

    private static ActionParameterModel? ParseParameter(IMethodSymbol method, IParameterSymbol parameter, List<DiagnosticInfo> diagnostics)
    {
        var reason = parameter.RefKind switch
        {
            RefKind.Ref => "is passed by 'ref'",
            RefKind.Out => "is an 'out' parameter",
            RefKind.In => "is passed by 'in'",
            RefKind.RefReadOnlyParameter => "is passed by 'ref readonly'",
            _ => null,
        };

        var isToken = TypeSupport.Is(parameter.Type, WellKnownNames.CancellationToken);
        reason ??= isToken ? null : TypeSupport.DescribeUnsupported(parameter.Type);
        if (reason is not null)
        {
            var syntax = parameter.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax() as ParameterSyntax;
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.UnsupportedParameterType,
                ParameterTypeLocation(syntax, parameter.RefKind != RefKind.None) ?? MethodIdentifier(method),
                parameter.Name,
                method.Name,
                reason));
            return null;
        }

        return new ActionParameterModel(
            parameter.Name,
            TypeNames.ToAnnotated(parameter.Type),
            TypeNames.ToPlain(parameter.Type),
            isToken,
            parameter.HasExplicitDefaultValue,
            parameter.HasExplicitDefaultValue ? DefaultValueFormatter.Format(parameter) : null,
            !isToken && TypeNames.AllowsNull(parameter.Type));
    }

    private static (ActionReturnKind Kind, ITypeSymbol? ResultType)? ParseReturn(IMethodSymbol method, List<DiagnosticInfo> diagnostics)
    {
        string? reason = null;
        (ActionReturnKind, ITypeSymbol?) shape = (ActionReturnKind.Void, null);
        var returnType = method.ReturnType;
        if (method.ReturnsByRef || method.ReturnsByRefReadonly)
        {
            reason = "returns by reference";
        }
        else if (method.ReturnsVoid)
        {
            reason = method.IsAsync ? "is 'async void', so its failures and completion cannot be observed; return Task instead" : null;
        }
        else if (TypeSupport.Is(returnType, WellKnownNames.Task))
        {
            shape = (ActionReturnKind.Task, null);
        }
        else if (TypeSupport.Is(returnType, WellKnownNames.ValueTask))
        {
            shape = (ActionReturnKind.ValueTask, null);
        }
        else if (TypeSupport.Is(returnType, WellKnownNames.TaskOfT) || TypeSupport.Is(returnType, WellKnownNames.ValueTaskOfT))
        {
            var resultType = ((INamedTypeSymbol)returnType).TypeArguments[0];
            var kind = TypeSupport.Is(returnType, WellKnownNames.TaskOfT) ? ActionReturnKind.TaskOfT : ActionReturnKind.ValueTaskOfT;
            reason = TypeSupport.DescribeUnsupported(resultType) is { } inner ? "returns a result that " + inner : null;
            shape = (kind, resultType);
        }
        else
        {
            reason = TypeSupport.DescribeUnsupported(returnType) is { } inner ? "returns a type that " + inner : null;
            shape = (ActionReturnKind.Value, returnType);
        }

        if (reason is not null)
        {
            var syntax = method.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax() as MethodDeclarationSyntax;
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.UnsupportedReturnType,
                LocationInfo.From(syntax?.ReturnType) ?? MethodIdentifier(method),
                method.Name,
                reason));
            return null;
        }

        return shape;
    }

    /// <summary>The parameter's type, including a ref/out/in modifier when that is what must change.</summary>
    private static LocationInfo? ParameterTypeLocation(ParameterSyntax? syntax, bool includeRefModifier)
    {
        if (syntax?.Type is null)
        {
            return LocationInfo.From(syntax);
        }

        var modifier = syntax.Modifiers.FirstOrDefault(m => m.IsKind(SyntaxKind.RefKeyword) || m.IsKind(SyntaxKind.OutKeyword) || m.IsKind(SyntaxKind.InKeyword));
        if (!includeRefModifier || modifier == default)
        {
            return LocationInfo.From(syntax.Type);
        }

        var span = TextSpan.FromBounds(modifier.SpanStart, syntax.Type.Span.End);
        return LocationInfo.From(Location.Create(syntax.SyntaxTree, span));
    }

    private static LocationInfo? MethodIdentifier(IMethodSymbol method)
    {
        var syntax = method.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax();
        return syntax switch
        {
            MethodDeclarationSyntax m => LocationInfo.From(m.Identifier),
            null => LocationInfo.From(method.Locations.FirstOrDefault()),
            _ => LocationInfo.From(syntax),
        };
    }

    private static AttributeArgumentSyntax? NameArgumentSyntax(AttributeData attribute) =>
        (attribute.ApplicationSyntaxReference?.GetSyntax() as AttributeSyntax)?.ArgumentList?.Arguments
            .FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == "Name");
}
