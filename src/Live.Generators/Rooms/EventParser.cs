using System.Collections.Generic;
using System.Threading;
using Live.Generators.Components;
using Live.Generators.Diagnostics;
using Live.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Live.Generators.Rooms;

/// <summary>Reads one <c>[LiveEvent]</c> type: its wire name and JSON shapes.</summary>
internal static class EventParser
{
    public static ParseResult<EventModel> Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var diagnostics = new List<DiagnosticInfo>();
        var type = (INamedTypeSymbol)context.TargetSymbol;
        var attribute = context.Attributes[0];
        var name = attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is string explicitName
            ? explicitName
            : type.Name;
        if (!NameRules.IsValidWireName(name))
        {
            var syntax = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax;
            SyntaxNode? argument = syntax?.ArgumentList?.Arguments.Count > 0 ? syntax.ArgumentList.Arguments[0] : null;
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidEventName, LocationInfo.From(argument ?? syntax), name, type.Name));
            return new ParseResult<EventModel>(null, new EquatableArray<DiagnosticInfo>(diagnostics));
        }

        var location = ComponentParser.ClassIdentifier(type, cancellationToken);
        var shapes = WireTypeReader.Read(new[] { new WireTypeRoot(type, location) }, context.SemanticModel.Compilation.Assembly, stateAlreadyReported: false, diagnostics);
        var model = new EventModel(TypeNames.ToPlain(type), type.Name, name, shapes);
        return new ParseResult<EventModel>(model, new EquatableArray<DiagnosticInfo>(diagnostics));
    }
}
