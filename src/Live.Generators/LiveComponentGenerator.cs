using System.Linq;
using Live.Generators.Components;
using Live.Generators.Emit;
using Live.Generators.Rooms;
using Live.Generators.TypeScript;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Live.Generators;

/// <summary>
/// Finds <c>[LiveComponent]</c> classes and emits, per component, its initial state, state proxy properties and
/// descriptor (typed action invokers, DI factory), plus one module initializer registering them all.
/// </summary>
/// <remarks>
/// Symbols are turned into equatable models in the first step, so that the IDE re-runs emitters only when
/// something they print changed. Step names are public to tests through <see cref="TrackingNames"/>.
/// </remarks>
[Generator(LanguageNames.CSharp)]
public sealed class LiveComponentGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var parsed = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                WellKnownNames.LiveComponentAttribute,
                static (node, _) => node is TypeDeclarationSyntax,
                ComponentParser.Parse)
            .WithTrackingName(TrackingNames.Parse);

        var diagnostics = parsed
            .Select(static (r, _) => r.Diagnostics)
            .WithTrackingName(TrackingNames.Diagnostics);
        context.RegisterSourceOutput(diagnostics, static (spc, items) =>
        {
            foreach (var item in items)
            {
                spc.ReportDiagnostic(item.ToDiagnostic());
            }
        });

        var models = parsed
            .Where(static r => r.Model is not null)
            .Select(static (r, _) => r.Model!)
            .WithTrackingName(TrackingNames.Model);
        var assemblyName = context.CompilationProvider
            .Select(static (c, _) => c.AssemblyName)
            .WithTrackingName(TrackingNames.AssemblyName);
        context.RegisterSourceOutput(models.Combine(assemblyName), static (spc, item) =>
            spc.AddSource(item.Left.HintName, ComponentEmitter.Emit(item.Left, GeneratedNames.JsonResolverType(item.Right))));

        var roomsParsed = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                WellKnownNames.LiveRoomAttribute,
                static (node, _) => node is ClassDeclarationSyntax,
                RoomParser.Parse)
            .WithTrackingName(TrackingNames.RoomParse);
        var eventsParsed = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                WellKnownNames.LiveEventAttribute,
                static (node, _) => node is TypeDeclarationSyntax,
                EventParser.Parse)
            .WithTrackingName(TrackingNames.EventParse);
        context.RegisterSourceOutput(roomsParsed.Select(static (r, _) => r.Diagnostics), static (spc, items) =>
        {
            foreach (var item in items)
            {
                spc.ReportDiagnostic(item.ToDiagnostic());
            }
        });
        context.RegisterSourceOutput(eventsParsed.Select(static (r, _) => r.Diagnostics), static (spc, items) =>
        {
            foreach (var item in items)
            {
                spc.ReportDiagnostic(item.ToDiagnostic());
            }
        });
        var rooms = roomsParsed.Where(static r => r.Model is not null).Select(static (r, _) => r.Model!);
        var events = eventsParsed.Where(static r => r.Model is not null).Select(static (r, _) => r.Model!);
        context.RegisterSourceOutput(rooms.Combine(assemblyName), static (spc, item) =>
            spc.AddSource(item.Left.HintName, RoomEmitter.Emit(item.Left, GeneratedNames.JsonResolverType(item.Right))));
        var roomSet = rooms.Collect();
        var eventSet = events.Collect();
        context.RegisterSourceOutput(roomSet.Combine(eventSet).Combine(assemblyName), static (spc, item) =>
        {
            if (!item.Left.Left.IsEmpty || !item.Left.Right.IsEmpty)
            {
                spc.AddSource(RoomRegistrationEmitter.HintName, RoomRegistrationEmitter.Emit(item.Left.Left, item.Left.Right, GeneratedNames.JsonResolverType(item.Right)));
            }
        });

        var jsonShapes = models
            .Select(static (m, _) => m.JsonShapes)
            .Collect()
            .Combine(rooms.Select(static (r, _) => r.JsonShapes).Collect())
            .Combine(events.Select(static (e, _) => e.JsonShapes).Collect())
            .Select(static (item, _) => item.Left.Left.AddRange(item.Left.Right).AddRange(item.Right))
            .Combine(assemblyName)
            .WithTrackingName(TrackingNames.JsonShapes);
        context.RegisterSourceOutput(jsonShapes, static (spc, item) =>
        {
            if (!item.Left.IsEmpty)
            {
                spc.AddSource(JsonResolverEmitter.HintName, JsonResolverEmitter.Emit(item.Left, item.Right));
            }
        });

        var typeScript = models
            .Collect()
            .Combine(roomSet)
            .Combine(eventSet)
            .Combine(assemblyName)
            .WithTrackingName(TrackingNames.TypeScript);
        context.RegisterSourceOutput(typeScript, static (spc, item) =>
        {
            var ((components, roomModels), eventModels) = item.Left;
            if (!components.IsEmpty || !roomModels.IsEmpty || !eventModels.IsEmpty)
            {
                spc.AddSource(TypeScriptBindingsFile.HintName, TypeScriptBindingsFile.Wrap(TypeScriptEmitter.Emit(components, roomModels, eventModels, item.Right)));
            }
        });

        var registrations = models
            .Select(static (m, _) => new ComponentRegistration(m.ComponentName, m.FullyQualifiedName))
            .Collect()
            .WithTrackingName(TrackingNames.Registrations);
        context.RegisterSourceOutput(registrations, static (spc, items) =>
        {
            if (!items.IsEmpty)
            {
                spc.AddSource(RegistrationEmitter.HintName, RegistrationEmitter.Emit(items));
            }
        });

        var nameClaims = parsed
            .Where(static r => r.NameClaim is not null)
            .Select(static (r, _) => r.NameClaim!)
            .Collect()
            .WithTrackingName(TrackingNames.NameClaims);
        context.RegisterSourceOutput(nameClaims, static (spc, claims) =>
        {
            foreach (var item in DuplicateNameCheck.Find(claims))
            {
                spc.ReportDiagnostic(item.ToDiagnostic());
            }
        });

        var orphanActions = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                WellKnownNames.PublicActionAttribute,
                static (node, _) => node is MethodDeclarationSyntax,
                OrphanActionParser.Parse)
            .Where(static d => d is not null)
            .WithTrackingName(TrackingNames.OrphanActions);
        context.RegisterSourceOutput(orphanActions, static (spc, item) => spc.ReportDiagnostic(item!.ToDiagnostic()));
    }
}
