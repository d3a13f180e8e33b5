using System;
using System.Collections.Generic;
using System.Linq;
using Live.Generators.Diagnostics;
using Live.Generators.Json;
using Live.Generators.Model;
using Microsoft.CodeAnalysis;

namespace Live.Generators.Components;

/// <summary>
/// Reads the JSON shapes of a component's wire types (state, parameters, results) and reports each type that
/// cannot be serialized (LIVE018) at the root the author wrote.
/// </summary>
/// <remarks>
/// Only the types of valid actions are roots: a parameter or result LIVE007/LIVE008 refused never gets here, so
/// the two never report the same thing. LIVE018 covers what those checks cannot see: members of records, state
/// members, constructors, dictionary keys…
/// </remarks>
internal static class WireTypeReader
{
    /// <summary>The shapes of every type reachable from <paramref name="roots"/>, sorted by type name.</summary>
    /// <param name="roots">The state first, then parameter and result types.</param>
    /// <param name="compilationAssembly">The assembly the metadata is emitted into.</param>
    /// <param name="stateAlreadyReported">
    /// The state type already has a LIVE011/LIVE012 error; a LIVE018 about the state type itself would repeat it.
    /// </param>
    /// <param name="diagnostics">Receives one LIVE018 per unsupported type and reason.</param>
    public static EquatableArray<JsonTypeShape> Read(
        IReadOnlyList<WireTypeRoot> roots,
        IAssemblySymbol compilationAssembly,
        bool stateAlreadyReported,
        List<DiagnosticInfo> diagnostics)
    {
        var shapes = new SortedDictionary<string, JsonTypeShape>(StringComparer.Ordinal);
        var reported = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < roots.Count; i++)
        {
            var root = roots[i];
            if (root.Type.TypeKind == TypeKind.Error)
            {
                continue;
            }

            // One read per root, so each problem is reported where the author reaches the type from.
            var set = JsonShapeReader.Read(new[] { root.Type }, compilationAssembly);
            foreach (var shape in set.Shapes)
            {
                if (!shapes.ContainsKey(shape.TypeName))
                {
                    shapes.Add(shape.TypeName, shape);
                }
            }

            var rootDisplay = root.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
            foreach (var problem in set.Unsupported)
            {
                var repeatsStateDiagnostic = i == 0 && stateAlreadyReported && problem.Path == rootDisplay;
                if (problem.Reason == JsonShapeReader.UnresolvedReason
                    || repeatsStateDiagnostic
                    || !reported.Add(problem.TypeDisplayName + "\n" + problem.Reason))
                {
                    continue;
                }

                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.TypeCannotBeSerialized,
                    root.Location,
                    problem.TypeDisplayName,
                    problem.Reason,
                    problem.Path));
            }
        }

        return new EquatableArray<JsonTypeShape>(shapes.Values);
    }
}
