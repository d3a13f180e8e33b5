using System.Collections;
using System.Reflection;
using Microsoft.CodeAnalysis;

namespace Live.Generators.Tests.Infrastructure;

/// <summary>
/// Walks a pipeline model and fails on anything that would break caching or pin a compilation in memory:
/// symbols, syntax, locations or compilations.
/// </summary>
internal static class ModelGraph
{
    public static void AssertOnlyValues(object model) => Walk(model, "model", 0);

    private static void Walk(object? value, string path, int depth)
    {
        if (value is null || depth > 20)
        {
            return;
        }

        Assert.False(value is ISymbol or SyntaxNode or Location or Compilation or SemanticModel or SyntaxTree, $"{path} holds a {value.GetType().Name}");
        var type = value.GetType();
        if (type.IsPrimitive || type.IsEnum || value is string)
        {
            return;
        }

        if (value is IEnumerable items)
        {
            var i = 0;
            foreach (var item in items)
            {
                Walk(item, $"{path}[{i++}]", depth + 1);
            }

            return;
        }

        foreach (var property in type.GetProperties(BindingFlags.Instance | BindingFlags.Public))
        {
            if (property.GetIndexParameters().Length == 0 && property.Name != "EqualityContract")
            {
                Walk(property.GetValue(value), $"{path}.{property.Name}", depth + 1);
            }
        }
    }
}
