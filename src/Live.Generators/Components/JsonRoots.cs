using System.Collections.Generic;
using Live.Generators.Model;

namespace Live.Generators.Components;

/// <summary>
/// The one place that decides which types of a component cross the wire: its state, its action parameters (except
/// CancellationToken) and its action results. A JSON metadata emitter (System.Text.Json source generation) takes
/// <see cref="ComponentModel.JsonRootTypes"/> as its roots and plugs its resolver into the descriptor.
/// </summary>
internal static class JsonRoots
{
    public static EquatableArray<string> Collect(string stateTypeName, IEnumerable<ActionModel> actions)
    {
        var seen = new HashSet<string>();
        var roots = new List<string>();
        Add(stateTypeName);
        foreach (var action in actions)
        {
            foreach (var parameter in action.Parameters)
            {
                if (!parameter.IsCancellationToken)
                {
                    Add(parameter.TypeOfName);
                }
            }

            if (action.ResultTypeOfName is { } result)
            {
                Add(result);
            }
        }

        return new EquatableArray<string>(roots);

        void Add(string typeName)
        {
            if (seen.Add(typeName))
            {
                roots.Add(typeName);
            }
        }
    }
}
