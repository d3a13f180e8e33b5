using System.Collections.Generic;
using System.Linq;
using Live.Generators.Components;
using Live.Generators.Diagnostics;
using Live.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Live.Generators.Authorization;

/// <summary>
/// Reads the standard <c>Microsoft.AspNetCore.Authorization</c> attributes and Live's <c>[RateLimit]</c> by metadata
/// name, so Live.Core needs no ASP.NET Core reference and the runtime needs no reflection. Attributes the generator
/// cannot read completely (custom subclasses, authentication schemes) are errors rather than silently ignored.
/// </summary>
internal static class AuthorizationParser
{
    private const string AuthorizeAttribute = "Microsoft.AspNetCore.Authorization.AuthorizeAttribute";
    private const string AllowAnonymousAttribute = "Microsoft.AspNetCore.Authorization.AllowAnonymousAttribute";
    private const string AuthorizeDataInterface = "Microsoft.AspNetCore.Authorization.IAuthorizeData";
    private const string AllowAnonymousInterface = "Microsoft.AspNetCore.Authorization.IAllowAnonymous";
    private const string RateLimitAttribute = "Live.RateLimitAttribute";

    /// <summary>
    /// The component's class-level attributes, including those on base classes (the ASP.NET attributes are
    /// inherited), stopping at <c>LiveComponent&lt;TState&gt;</c>.
    /// </summary>
    public static AuthorizationModel ForComponent(INamedTypeSymbol component, INamedTypeSymbol baseComponent, List<DiagnosticInfo> diagnostics)
    {
        var authorize = new List<AuthorizeModel>();
        var allowAnonymous = false;
        for (var type = component; type is not null && !SymbolEqualityComparer.Default.Equals(type, baseComponent); type = type.BaseType)
        {
            var own = Read(type, type.GetAttributes(), diagnostics);
            authorize.AddRange(own.Authorize);
            allowAnonymous |= own.AllowAnonymous;
        }

        return new AuthorizationModel(new EquatableArray<AuthorizeModel>(authorize), allowAnonymous);
    }

    /// <summary>The attributes on one action method.</summary>
    public static AuthorizationModel ForAction(IMethodSymbol method, List<DiagnosticInfo> diagnostics) =>
        Read(method, method.GetAttributes(), diagnostics);

    /// <summary>The action's <c>[RateLimit]</c>, or <see langword="null"/> when absent or invalid (LIVE021).</summary>
    public static RateLimitModel? RateLimit(IMethodSymbol method, List<DiagnosticInfo> diagnostics)
    {
        var attribute = method.GetAttributes().FirstOrDefault(a => a.AttributeClass is { } c && TypeSupport.MetadataName(c) == RateLimitAttribute);
        if (attribute is null || attribute.ConstructorArguments.Length != 2)
        {
            return null;
        }

        var permits = attribute.ConstructorArguments[0].Value as int? ?? 0;
        var perSeconds = attribute.ConstructorArguments[1].Value as int? ?? 0;
        var perUser = attribute.NamedArguments.Any(a => a.Key == "PerUser" && a.Value.Value is true);
        var problem = (permits < 1, perSeconds < 1) switch
        {
            (true, true) => $"permits {permits} and perSeconds {perSeconds}",
            (true, false) => $"permits {permits}",
            (false, true) => $"perSeconds {perSeconds}",
            _ => null,
        };
        if (problem is not null)
        {
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.InvalidRateLimit,
                LocationInfo.From(attribute.ApplicationSyntaxReference?.GetSyntax()),
                method.Name,
                problem));
            return null;
        }

        return new RateLimitModel(permits, perSeconds, perUser);
    }

    /// <summary>LIVE020: authorization or rate-limit attributes on component methods that are not actions do nothing.</summary>
    public static void CheckNonActions(INamedTypeSymbol component, INamedTypeSymbol publicActionAttribute, List<DiagnosticInfo> diagnostics)
    {
        foreach (var method in component.GetMembers().OfType<IMethodSymbol>())
        {
            if (method.GetAttributes().Any(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, publicActionAttribute)))
            {
                continue;
            }

            foreach (var attribute in method.GetAttributes())
            {
                var name = attribute.AttributeClass is { } c ? TypeSupport.MetadataName(c) : null;
                if (name is AuthorizeAttribute or AllowAnonymousAttribute or RateLimitAttribute)
                {
                    diagnostics.Add(DiagnosticInfo.Create(
                        DiagnosticDescriptors.AttributeOnNonAction,
                        LocationInfo.From(attribute.ApplicationSyntaxReference?.GetSyntax()),
                        attribute.AttributeClass!.Name.Replace("Attribute", string.Empty),
                        method.Name));
                }
            }
        }
    }

    /// <summary>
    /// LIVE019: an <c>[AllowAnonymous]</c> component whose actions all require <c>[Authorize]</c> lets anonymous users
    /// mount it but call nothing, which is rarely what was meant (MVC authors expect it to open the actions).
    /// </summary>
    public static void CheckAnonymousComponent(
        INamedTypeSymbol component,
        AuthorizationModel classLevel,
        EquatableArray<ActionModel> actions,
        LocationInfo? fallback,
        List<DiagnosticInfo> diagnostics)
    {
        if (!classLevel.AllowAnonymous || actions.IsEmpty || actions.Any(a => a.Authorization.AllowAnonymous || a.Authorization.Authorize.IsEmpty))
        {
            return;
        }

        var attribute = component.GetAttributes().FirstOrDefault(a => a.AttributeClass is { } c && TypeSupport.MetadataName(c) == AllowAnonymousAttribute);
        diagnostics.Add(DiagnosticInfo.Create(
            DiagnosticDescriptors.AnonymousComponentWithOnlyAuthorizedActions,
            LocationInfo.From(attribute?.ApplicationSyntaxReference?.GetSyntax()) ?? fallback,
            component.Name));
    }

    private static AuthorizationModel Read(ISymbol target, IEnumerable<AttributeData> attributes, List<DiagnosticInfo> diagnostics)
    {
        var authorize = new List<AuthorizeModel>();
        var allowAnonymous = false;
        foreach (var attribute in attributes)
        {
            if (attribute.AttributeClass is not { } type)
            {
                continue;
            }

            var name = TypeSupport.MetadataName(type);
            if (name == AllowAnonymousAttribute)
            {
                allowAnonymous = true;
            }
            else if (name == AuthorizeAttribute)
            {
                if (ReadAuthorize(target, attribute, diagnostics) is { } model)
                {
                    authorize.Add(model);
                }
            }
            else if (type.AllInterfaces.Any(i => TypeSupport.MetadataName(i) is AuthorizeDataInterface or AllowAnonymousInterface))
            {
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.UnreadableAuthorizationAttribute,
                    LocationInfo.From(attribute.ApplicationSyntaxReference?.GetSyntax()),
                    target.Name,
                    $"'{type.Name}' is a custom authorization attribute, and what its constructor sets cannot be read at compile time; use [Authorize(Policy = \"...\")] or [Authorize(Roles = \"...\")] directly"));
            }
        }

        return new AuthorizationModel(new EquatableArray<AuthorizeModel>(authorize), allowAnonymous);
    }

    private static AuthorizeModel? ReadAuthorize(ISymbol target, AttributeData attribute, List<DiagnosticInfo> diagnostics)
    {
        var policy = attribute.ConstructorArguments.Length == 1 ? attribute.ConstructorArguments[0].Value as string : null;
        string? roles = null;
        foreach (var argument in attribute.NamedArguments)
        {
            switch (argument.Key)
            {
                case "Policy":
                    policy = argument.Value.Value as string;
                    break;
                case "Roles":
                    roles = argument.Value.Value as string;
                    break;
                case "AuthenticationSchemes" when argument.Value.Value is string { Length: > 0 }:
                    diagnostics.Add(DiagnosticInfo.Create(
                        DiagnosticDescriptors.UnreadableAuthorizationAttribute,
                        LocationInfo.From((SyntaxNode?)NamedArgumentSyntax(attribute, "AuthenticationSchemes") ?? attribute.ApplicationSyntaxReference?.GetSyntax()),
                        target.Name,
                        "it sets AuthenticationSchemes, but a Live connection is authenticated once, on the WebSocket upgrade; choose the schemes for the Live endpoint (app.MapLive(...).RequireAuthorization(...)) and express the rule as a policy or roles"));
                    return null;
            }
        }

        return new AuthorizeModel(policy, roles);
    }

    private static AttributeArgumentSyntax? NamedArgumentSyntax(AttributeData attribute, string name) =>
        (attribute.ApplicationSyntaxReference?.GetSyntax() as AttributeSyntax)?.ArgumentList?.Arguments
            .FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == name);
}
