using System.Linq;
using Live.Generators.Components;
using Live.Generators.Emit;
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

        var jsonShapes = models
            .Select(static (m, _) => m.JsonShapes)
            .Collect()
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
            .Combine(assemblyName)
            .WithTrackingName(TrackingNames.TypeScript);
        context.RegisterSourceOutput(typeScript, static (spc, item) =>
        {
            if (!item.Left.IsEmpty)
            {
                spc.AddSource(TypeScriptBindingsFile.HintName, TypeScriptBindingsFile.Wrap(TypeScriptEmitter.Emit(item.Left, item.Right)));
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
