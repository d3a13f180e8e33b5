using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Live.Generators.Authorization;
using Live.Generators.Diagnostics;
using Live.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Live.Generators.Components;

/// <summary>
/// Reads one <c>[LiveComponent]</c> class into a <see cref="ComponentParseResult"/>. This is the only place that
/// looks at symbols; everything downstream works on the equatable model.
/// </summary>
internal static class ComponentParser
{
    public static ComponentParseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var diagnostics = new List<DiagnosticInfo>();
        var component = (INamedTypeSymbol)context.TargetSymbol;
        var attribute = context.Attributes[0];
        var attributeLocation = LocationInfo.From(attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken));
        var compilation = context.SemanticModel.Compilation;
        var liveComponentOfT = compilation.GetTypeByMetadataName(WellKnownNames.LiveComponentOfT);
        var publicActionAttribute = compilation.GetTypeByMetadataName(WellKnownNames.PublicActionAttribute);
        if (liveComponentOfT is null || publicActionAttribute is null)
        {
            // Live.Core is not referenced: the compiler already complains about the attribute.
            return Failed(diagnostics);
        }

        var baseComponent = FindLiveComponentBase(component, liveComponentOfT);
        if (baseComponent is null)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ComponentMustDeriveFromLiveComponent, attributeLocation, component.Name));
            return Failed(diagnostics);
        }

        if (!CheckShape(component, diagnostics, cancellationToken))
        {
            return Failed(diagnostics);
        }

        var constructor = component.InstanceConstructors
            .Where(c => c.DeclaredAccessibility == Accessibility.Public)
            .OrderByDescending(c => c.Parameters.Length)
            .FirstOrDefault();
        if (constructor is null)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NoPublicConstructor, ClassIdentifier(component, cancellationToken), component.Name));
            return Failed(diagnostics);
        }

        var componentName = ReadName(component, attribute, diagnostics, cancellationToken, out var nameIsValid);
        var stateType = baseComponent.TypeArguments[0];
        var stateIsRecord = stateType.IsRecord && stateType.TypeKind == TypeKind.Class;
        if (!stateIsRecord && stateType.TypeKind != TypeKind.Error)
        {
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.StateMustBeRecord,
                StateTypeArgumentLocation(component, liveComponentOfT, cancellationToken) ?? ClassIdentifier(component, cancellationToken),
                stateType.ToDisplayString(),
                component.Name));
        }

        var initialState = DecideInitialState(component, baseComponent, stateType, compilation);
        if (initialState == InitialStateKind.NotConstructible)
        {
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.StateNotConstructible,
                ClassIdentifier(component, cancellationToken),
                stateType.ToDisplayString(),
                component.Name));
        }

        var wireTypes = new List<WireTypeRoot>
        {
            new(stateType, StateTypeArgumentLocation(component, liveComponentOfT, cancellationToken) ?? ClassIdentifier(component, cancellationToken)),
        };
        var stateAlreadyReported = !stateIsRecord || initialState == InitialStateKind.NotConstructible;
        var actions = ActionParser.Parse(component, publicActionAttribute, diagnostics, wireTypes);
        var authorization = AuthorizationParser.ForComponent(component, baseComponent, diagnostics);
        AuthorizationParser.CheckNonActions(component, publicActionAttribute, diagnostics);
        AuthorizationParser.CheckAnonymousComponent(component, authorization, actions, ClassIdentifier(component, cancellationToken), diagnostics);
        var jsonShapes = WireTypeReader.Read(wireTypes, compilation.Assembly, stateAlreadyReported, diagnostics);
        var stateTypeName = TypeNames.ToPlain(stateType);
        var model = new ComponentModel(
            component.ContainingNamespace.IsGlobalNamespace ? null : component.ContainingNamespace.ToDisplayString(),
            component.Name,
            TypeNames.ToPlain(component),
            HintName(component),
            ContainingTypes(component),
            component.IsSealed,
            componentName,
            ReadFlag(attribute, "Singleton"),
            ReadFlag(attribute, "KeepAlive"),
            stateTypeName,
            initialState,
            stateIsRecord ? StateMemberParser.Parse(component, stateType) : EquatableArray<StateMemberModel>.Empty,
            ConstructorParameters(constructor),
            actions,
            JsonRoots.Names(wireTypes),
            jsonShapes,
            LiveKeyCollector.Collect(stateType),
            stateIsRecord && StateImmutability.IsImmutable(stateType),
            authorization,
            ReadString(attribute, "WritePolicy"),
            OverridesRoomEventHook(component, baseComponent));

        var claim = nameIsValid ? new ComponentNameClaim(componentName, component.ToDisplayString(), attributeLocation) : null;
        return new ComponentParseResult(model, claim, new EquatableArray<DiagnosticInfo>(diagnostics));
    }

    private static ComponentParseResult Failed(List<DiagnosticInfo> diagnostics) =>
        new(null, null, new EquatableArray<DiagnosticInfo>(diagnostics));

    private static INamedTypeSymbol? FindLiveComponentBase(INamedTypeSymbol component, INamedTypeSymbol liveComponentOfT)
    {
        for (var type = component.BaseType; type is not null; type = type.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, liveComponentOfT))
            {
                return type;
            }
        }

        return null;
    }

    /// <summary>Checks what must hold before anything can be emitted; reports and returns false otherwise.</summary>
    internal static bool CheckShape(INamedTypeSymbol component, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
    {
        var nonPartial = NonPartialDeclaration(component, cancellationToken);
        if (nonPartial is not null)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ComponentMustBePartial, LocationInfo.From(nonPartial.Identifier), component.Name));
            return false;
        }

        for (var container = component.ContainingType; container is not null; container = container.ContainingType)
        {
            var declaration = NonPartialDeclaration(container, cancellationToken);
            if (declaration is not null)
            {
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.ContainingTypeMustBePartial,
                    LocationInfo.From(declaration.Identifier),
                    component.Name,
                    container.Name));
                return false;
            }
        }

        for (INamedTypeSymbol? type = component; type is not null; type = type.ContainingType)
        {
            var hidden = type.IsFileLocal
                ? "it is a file-local type"
                : type.DeclaredAccessibility is Accessibility.Private or Accessibility.Protected or Accessibility.ProtectedAndInternal
                    ? $"'{type.Name}' is {SyntaxFacts.GetText(type.DeclaredAccessibility)}"
                    : null;
            if (hidden is not null)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ComponentNotAccessible, ClassIdentifier(component, cancellationToken), component.Name, hidden));
                return false;
            }
        }

        var notConcrete = component.IsAbstract
            ? "abstract"
            : component.IsGenericType || IsInGenericType(component)
                ? "generic"
                : null;
        if (notConcrete is not null)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ComponentMustBeConcrete, ClassIdentifier(component, cancellationToken), component.Name, notConcrete));
            return false;
        }

        return true;
    }

    private static bool IsInGenericType(INamedTypeSymbol type)
    {
        for (var container = type.ContainingType; container is not null; container = container.ContainingType)
        {
            if (container.IsGenericType)
            {
                return true;
            }
        }

        return false;
    }

    internal static TypeDeclarationSyntax? NonPartialDeclaration(INamedTypeSymbol type, CancellationToken cancellationToken) =>
        type.DeclaringSyntaxReferences
            .Select(r => r.GetSyntax(cancellationToken))
            .OfType<TypeDeclarationSyntax>()
            .FirstOrDefault(d => !d.Modifiers.Any(SyntaxKind.PartialKeyword));

    private static string ReadName(
        INamedTypeSymbol component,
        AttributeData attribute,
        List<DiagnosticInfo> diagnostics,
        CancellationToken cancellationToken,
        out bool isValid)
    {
        var name = attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is string explicitName
            ? explicitName
            : component.Name;
        isValid = NameRules.IsValidWireName(name);
        if (!isValid)
        {
            var syntax = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax;
            SyntaxNode? argument = syntax?.ArgumentList?.Arguments.FirstOrDefault();
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidComponentName, LocationInfo.From(argument ?? syntax), name));
        }

        return name;
    }

    private static string? ReadString(AttributeData attribute, string name) =>
        attribute.NamedArguments.FirstOrDefault(a => a.Key == name).Value.Value as string;

    private static bool ReadFlag(AttributeData attribute, string name)
    {
        foreach (var argument in attribute.NamedArguments)
        {
            if (argument.Key == name && argument.Value.Value is bool value)
            {
                return value;
            }
        }

        return false;
    }

    internal static InitialStateKind DecideInitialState(
        INamedTypeSymbol component,
        INamedTypeSymbol baseComponent,
        ITypeSymbol stateType,
        Compilation compilation)
    {
        // An override anywhere between the component and LiveComponent<TState> already provides the state.
        for (var type = component; type is not null && !SymbolEqualityComparer.Default.Equals(type, baseComponent); type = type.BaseType)
        {
            var declared = type.GetMembers("CreateInitialState").OfType<IMethodSymbol>()
                .Any(m => m.IsOverride && !m.IsAbstract && m.Parameters.Length == 0);
            if (declared)
            {
                return InitialStateKind.AuthorDefined;
            }
        }

        if (stateType is not INamedTypeSymbol { TypeKind: TypeKind.Class, IsAbstract: false } named)
        {
            return stateType.TypeKind == TypeKind.Error ? InitialStateKind.ParameterlessConstructor : InitialStateKind.NotConstructible;
        }

        var constructible = named.InstanceConstructors.Any(c =>
            c.Parameters.All(p => p.IsOptional) && compilation.IsSymbolAccessibleWithin(c, component));
        return constructible ? InitialStateKind.ParameterlessConstructor : InitialStateKind.NotConstructible;
    }

    private static bool OverridesRoomEventHook(INamedTypeSymbol component, INamedTypeSymbol baseComponent)
    {
        for (var type = component; type is not null && !SymbolEqualityComparer.Default.Equals(type, baseComponent); type = type.BaseType)
        {
            if (type.GetMembers("OnRoomEventAsync").OfType<IMethodSymbol>().Any(m => m.IsOverride && m.Parameters.Length == 1))
            {
                return true;
            }
        }

        return false;
    }

    internal static EquatableArray<ServiceParameterModel> ConstructorParameters(IMethodSymbol constructor) =>
        new(constructor.Parameters.Select(p =>
        {
            var isNullableValue = p.Type.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T;
            var patternType = isNullableValue ? ((INamedTypeSymbol)p.Type).TypeArguments[0] : p.Type;
            var optional = p.HasExplicitDefaultValue || (TypeNames.AllowsNull(p.Type) && p.Type.NullableAnnotation == NullableAnnotation.Annotated);
            return new ServiceParameterModel(
                p.Name,
                TypeNames.ToAnnotated(p.Type),
                TypeNames.ToPlain(p.Type),
                TypeNames.ToPlain(patternType),
                optional,
                !optional ? null : p.HasExplicitDefaultValue ? DefaultValueFormatter.Format(p) : p.Type.IsValueType ? "default" : "null");
        }));

    internal static LocationInfo? ClassIdentifier(INamedTypeSymbol type, CancellationToken cancellationToken) =>
        type.DeclaringSyntaxReferences.Select(r => r.GetSyntax(cancellationToken)).OfType<TypeDeclarationSyntax>()
            .Select(d => LocationInfo.From(d.Identifier)).FirstOrDefault();

    /// <summary>The <c>TState</c> in <c>: LiveComponent&lt;TState&gt;</c>, where the author picks the state type.</summary>
    private static LocationInfo? StateTypeArgumentLocation(INamedTypeSymbol component, INamedTypeSymbol liveComponentOfT, CancellationToken cancellationToken)
    {
        foreach (var declaration in component.DeclaringSyntaxReferences.Select(r => r.GetSyntax(cancellationToken)).OfType<TypeDeclarationSyntax>())
        {
            foreach (var baseType in declaration.BaseList?.Types ?? default)
            {
                var generic = baseType.Type as GenericNameSyntax
                    ?? (baseType.Type as QualifiedNameSyntax)?.Right as GenericNameSyntax;
                if (generic is { Identifier.ValueText: "LiveComponent", TypeArgumentList.Arguments.Count: 1 })
                {
                    return LocationInfo.From(generic.TypeArgumentList.Arguments[0]);
                }
            }
        }

        // The component derives through an intermediate base class: point at that base type instead.
        return component.DeclaringSyntaxReferences.Select(r => r.GetSyntax(cancellationToken)).OfType<TypeDeclarationSyntax>()
            .Select(d => d.BaseList?.Types.FirstOrDefault()).Where(t => t is not null).Select(t => LocationInfo.From(t)).FirstOrDefault();
    }

    internal static EquatableArray<ContainingTypeModel> ContainingTypes(INamedTypeSymbol component)
    {
        var containers = new List<ContainingTypeModel>();
        for (var container = component.ContainingType; container is not null; container = container.ContainingType)
        {
            var keyword = (container.TypeKind, container.IsRecord) switch
            {
                (TypeKind.Struct, true) => "record struct",
                (TypeKind.Struct, false) => "struct",
                (TypeKind.Interface, _) => "interface",
                (_, true) => "record",
                _ => "class",
            };
            containers.Insert(0, new ContainingTypeModel(keyword, container.Name));
        }

        return new EquatableArray<ContainingTypeModel>(containers);
    }

    internal static string HintName(INamedTypeSymbol component)
    {
        var parts = new List<string>();
        for (INamedTypeSymbol? type = component; type is not null; type = type.ContainingType)
        {
            parts.Insert(0, type.Name);
        }

        if (!component.ContainingNamespace.IsGlobalNamespace)
        {
            parts.Insert(0, component.ContainingNamespace.ToDisplayString());
        }

        return string.Join(".", parts) + ".Live.g.cs";
    }
}
