using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Live.Generators.Json;
using Live.Generators.Model;

namespace Live.Generators.Emit;

/// <summary>
/// Writes the compilation's one System.Text.Json resolver, <c>LiveJsonMetadata.g.cs</c>: the union of every
/// component's shapes (each type once), which every descriptor passes as its <c>typeInfoResolver</c>.
/// </summary>
internal static class JsonResolverEmitter
{
    public const string HintName = "LiveJsonMetadata.g.cs";

    public static string Emit(ImmutableArray<EquatableArray<JsonTypeShape>> componentShapes, string? assemblyName)
    {
        var merged = new SortedDictionary<string, JsonTypeShape>(StringComparer.Ordinal);
        foreach (var shapes in componentShapes)
        {
            foreach (var shape in shapes)
            {
                if (!merged.ContainsKey(shape.TypeName))
                {
                    merged.Add(shape.TypeName, shape);
                }
            }
        }

        var set = new JsonShapeSet(new EquatableArray<JsonTypeShape>(merged.Values), EquatableArray<JsonUnsupportedType>.Empty);
        return JsonMetadataEmitter.Emit(GeneratedNames.Namespace, GeneratedNames.JsonResolverClass(assemblyName), set);
    }
}
