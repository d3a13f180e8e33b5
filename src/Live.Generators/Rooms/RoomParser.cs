using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Live.Generators.Components;
using Live.Generators.Diagnostics;
using Live.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Live.Generators.Rooms;

/// <summary>Reads one <c>[LiveRoom]</c> class into a <see cref="RoomModel"/>, reporting what is wrong with it.</summary>
internal static class RoomParser
{
    public static ParseResult<RoomModel> Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var diagnostics = new List<DiagnosticInfo>();
        var room = (INamedTypeSymbol)context.TargetSymbol;
        var attribute = context.Attributes[0];
        var attributeSyntax = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax;
        var compilation = context.SemanticModel.Compilation;
        var liveRoomOfT = compilation.GetTypeByMetadataName(WellKnownNames.LiveRoomOfT);
        if (liveRoomOfT is null)
        {
            return Failed(diagnostics);
        }

        INamedTypeSymbol? baseRoom = null;
        for (var type = room.BaseType; type is not null && baseRoom is null; type = type.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, liveRoomOfT))
            {
                baseRoom = type;
            }
        }

        if (baseRoom is null)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.RoomMustDeriveFromLiveRoom, LocationInfo.From(attributeSyntax), room.Name));
            return Failed(diagnostics);
        }

        if (ComponentParser.NonPartialDeclaration(room, cancellationToken) is { } nonPartial)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.RoomMustBePartial, LocationInfo.From(nonPartial.Identifier), room.Name));
            return Failed(diagnostics);
        }

        if (!ComponentParser.CheckShape(room, diagnostics, cancellationToken))
        {
            return Failed(diagnostics);
        }

        var constructor = room.InstanceConstructors
            .Where(c => c.DeclaredAccessibility == Accessibility.Public)
            .OrderByDescending(c => c.Parameters.Length)
            .FirstOrDefault();
        if (constructor is null)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NoPublicConstructor, ComponentParser.ClassIdentifier(room, cancellationToken), room.Name));
            return Failed(diagnostics);
        }

        var name = attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is string explicitName ? explicitName : room.Name;
        if (!NameRules.IsValidWireName(name) || name.Length > 64)
        {
            SyntaxNode? argument = attributeSyntax?.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals is null);
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidRoomName, LocationInfo.From(argument ?? attributeSyntax), name));
        }

        var maxMembers = Named(attribute, "MaxMembers") is int max ? max : 0;
        var allowClientJoin = Named(attribute, "AllowClientJoin") is true;
        var joinPolicy = Named(attribute, "JoinPolicy") as string;
        if (maxMembers < 0)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidRoomSetting, ArgumentLocation(attributeSyntax, "MaxMembers"), room.Name,
                $"has MaxMembers = {maxMembers}; use a positive number, or 0 for the configured default"));
        }

        if (joinPolicy is not null && !allowClientJoin)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidRoomSetting, ArgumentLocation(attributeSyntax, "JoinPolicy"), room.Name,
                "sets JoinPolicy but not AllowClientJoin = true; a join policy applies only to joins the client asks for, so set AllowClientJoin = true or remove JoinPolicy"));
        }

        if (joinPolicy is { Length: 0 })
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidRoomSetting, ArgumentLocation(attributeSyntax, "JoinPolicy"), room.Name,
                "has an empty JoinPolicy; name an authorization policy or remove JoinPolicy"));
        }

        var stateType = baseRoom.TypeArguments[0];
        var stateIsRecord = stateType.IsRecord && stateType.TypeKind == TypeKind.Class;
        var location = ComponentParser.ClassIdentifier(room, cancellationToken);
        if (!stateIsRecord && stateType.TypeKind != TypeKind.Error)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.StateMustBeRecord, location, stateType.ToDisplayString(), room.Name));
        }

        var initialState = ComponentParser.DecideInitialState(room, baseRoom, stateType, compilation);
        if (initialState == InitialStateKind.NotConstructible)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.StateNotConstructible, location, stateType.ToDisplayString(), room.Name));
        }

        var shapes = WireTypeReader.Read(new[] { new WireTypeRoot(stateType, location) }, compilation.Assembly, !stateIsRecord || initialState == InitialStateKind.NotConstructible, diagnostics);
        if (diagnostics.Count > 0)
        {
            return Failed(diagnostics);
        }

        var model = new RoomModel(
            room.ContainingNamespace.IsGlobalNamespace ? null : room.ContainingNamespace.ToDisplayString(),
            room.Name,
            TypeNames.ToPlain(room),
            ComponentParser.HintName(room).Replace(".Live.g.cs", ".LiveRoom.g.cs"),
            ComponentParser.ContainingTypes(room),
            name,
            TypeNames.ToPlain(stateType),
            initialState,
            ComponentParser.ConstructorParameters(constructor),
            maxMembers,
            allowClientJoin,
            joinPolicy,
            shapes,
            Named(attribute, "Presence") is not false);
        return new ParseResult<RoomModel>(model, new EquatableArray<DiagnosticInfo>(diagnostics));
    }

    private static ParseResult<RoomModel> Failed(List<DiagnosticInfo> diagnostics) =>
        new(null, new EquatableArray<DiagnosticInfo>(diagnostics));

    private static object? Named(AttributeData attribute, string name) =>
        attribute.NamedArguments.FirstOrDefault(a => a.Key == name).Value.Value;

    private static LocationInfo? ArgumentLocation(AttributeSyntax? syntax, string name) =>
        LocationInfo.From((SyntaxNode?)syntax?.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == name) ?? syntax);
}
