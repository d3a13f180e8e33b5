using System.Collections.Generic;
using System.Linq;
using Live.Generators.Model;
using Microsoft.CodeAnalysis;

namespace Live.Generators.Components;

/// <summary>
/// The one place that decides which types of a component cross the wire: its state, its action parameters (except
/// CancellationToken) and its action results (<c>Task&lt;T&gt;</c>/<c>ValueTask&lt;T&gt;</c> unwrapped). They are the
/// roots of the JSON metadata (<see cref="WireTypeReader"/>) and of the TypeScript bindings.
/// </summary>
internal static class JsonRoots
{
    /// <summary>The wire types of one valid action: each parameter's (null result) or the result's (null parameter).</summary>
    public static IEnumerable<(ITypeSymbol Type, IParameterSymbol? Parameter)> OfAction(IMethodSymbol method)
    {
        foreach (var parameter in method.Parameters)
        {
            if (!TypeSupport.Is(parameter.Type, WellKnownNames.CancellationToken))
            {
                yield return (parameter.Type, parameter);
            }
        }

        var returnType = method.ReturnType;
        if (TypeSupport.Is(returnType, WellKnownNames.TaskOfT) || TypeSupport.Is(returnType, WellKnownNames.ValueTaskOfT))
        {
            yield return (((INamedTypeSymbol)returnType).TypeArguments[0], null);
        }
        else if (!method.ReturnsVoid && !TypeSupport.Is(returnType, WellKnownNames.Task) && !TypeSupport.Is(returnType, WellKnownNames.ValueTask))
        {
            yield return (returnType, null);
        }
    }

    /// <summary>The distinct <c>global::</c>-qualified names of the roots, in order (state first).</summary>
    public static EquatableArray<string> Names(IEnumerable<WireTypeRoot> roots) =>
        new(roots.Select(r => TypeNames.ToPlain(r.Type)).Distinct());
}
