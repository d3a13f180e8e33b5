using System.Text.Json;
using Live.Protocol;
using Live.Registration;

namespace Live.Dispatch;

/// <summary>
/// Checks the shape of an action's arguments object before the action is queued: every member names a parameter
/// and every required parameter is present. Type checks happen when the generated invoker reads each value.
/// </summary>
internal static class ArgumentValidator
{
    public static ProtocolError? Validate(ActionDescriptor action, JsonElement args)
    {
        var parameters = action.Parameters;
        if (args.ValueKind == JsonValueKind.Object)
        {
            foreach (var member in args.EnumerateObject())
            {
                if (!IsParameter(parameters, member.Name))
                {
                    var expected = parameters.Count == 0
                        ? "it takes no arguments"
                        : "its parameters are " + string.Join(", ", parameters.Select(p => p.Name));
                    var name = member.Name.Length <= 64 ? member.Name : member.Name[..64] + "…";
                    return new ProtocolError(ErrorCodes.InvalidArgs, $"Action '{action.Name}' has no parameter '{name}'; {expected}.", name);
                }
            }
        }

        foreach (var parameter in parameters)
        {
            if (!parameter.IsOptional && (args.ValueKind != JsonValueKind.Object || !args.TryGetProperty(parameter.Name, out _)))
            {
                return new ProtocolError(ErrorCodes.InvalidArgs, $"Argument '{parameter.Name}' is required but was not sent.", parameter.Name);
            }
        }

        return null;
    }

    private static bool IsParameter(IReadOnlyList<ActionParameter> parameters, string name)
    {
        for (var i = 0; i < parameters.Count; i++)
        {
            if (string.Equals(parameters[i].Name, name, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
