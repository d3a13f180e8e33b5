using System.Text.Json;

namespace Live.Protocol;

/// <summary>
/// Reading one member of a client frame: each reader checks presence, JSON kind, length and range, and on failure
/// answers the <c>invalid_request</c> error that names the member.
/// </summary>
internal static partial class FrameReader
{
    private static bool TryReadId(JsonElement root, out string? id, out ProtocolError? error)
    {
        id = null;
        error = null;
        if (!root.TryGetProperty("id", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (element.ValueKind != JsonValueKind.String)
        {
            error = new ProtocolError(ErrorCodes.InvalidRequest, $"\"id\" must be a string of 1 to {MaxRequestIdLength} characters, not {Registration.ActionArguments.DescribeKind(element.ValueKind)}.");
            return false;
        }

        var value = element.GetString()!;
        if (value.Length is 0 or > MaxRequestIdLength)
        {
            error = new ProtocolError(ErrorCodes.InvalidRequest, $"\"id\" must be a string of 1 to {MaxRequestIdLength} characters.");
            return false;
        }

        id = value;
        return true;
    }

    /// <summary>Reads the required <c>"status"</c> of a <c>presence</c> message: <c>online</c> or <c>away</c>.</summary>
    private static bool TryReadStatus(JsonElement root, out bool away, out ProtocolError? error)
    {
        away = false;
        if (!TryReadName(root, "status", required: true, out var status, out error, maxLength: 16))
        {
            return false;
        }

        if (status is not ("online" or "away"))
        {
            error = new ProtocolError(ErrorCodes.InvalidRequest, $"\"status\" must be \"online\" or \"away\", not \"{Truncate(status)}\".");
            return false;
        }

        away = status == "away";
        return true;
    }

    private static bool TryReadName(JsonElement root, string member, bool required, out string? value, out ProtocolError? error, int maxLength = MaxNameLength)
    {
        value = null;
        error = null;
        if (!root.TryGetProperty(member, out var element))
        {
            if (required)
            {
                error = new ProtocolError(ErrorCodes.InvalidRequest, $"The member \"{member}\" is required.");
                return false;
            }

            return true;
        }

        if (element.ValueKind != JsonValueKind.String)
        {
            error = new ProtocolError(ErrorCodes.InvalidRequest, $"\"{member}\" must be a string, not {Registration.ActionArguments.DescribeKind(element.ValueKind)}.");
            return false;
        }

        var text = element.GetString()!;
        if (text.Length == 0 || text.Length > maxLength)
        {
            error = new ProtocolError(ErrorCodes.InvalidRequest, $"\"{member}\" must be 1 to {maxLength} characters long.");
            return false;
        }

        value = text;
        return true;
    }

    private static bool TryReadString(JsonElement root, string member, int maxLength, out string? value, out ProtocolError? error)
    {
        value = null;
        error = null;
        if (!root.TryGetProperty(member, out var element))
        {
            error = new ProtocolError(ErrorCodes.InvalidRequest, $"The member \"{member}\" is required.");
            return false;
        }

        if (element.ValueKind != JsonValueKind.String)
        {
            error = new ProtocolError(ErrorCodes.InvalidRequest, $"\"{member}\" must be a string, not {Registration.ActionArguments.DescribeKind(element.ValueKind)}.");
            return false;
        }

        var text = element.GetString()!;
        if (text.Length == 0 || text.Length > maxLength)
        {
            error = new ProtocolError(ErrorCodes.InvalidRequest, maxLength == int.MaxValue
                ? $"\"{member}\" must not be empty."
                : $"\"{member}\" must be 1 to {maxLength} characters long.");
            return false;
        }

        value = text;
        return true;
    }

    private static bool TryReadVersion(JsonElement root, out long version, out ProtocolError? error)
    {
        version = 0;
        error = null;
        if (!root.TryGetProperty("version", out var element))
        {
            error = new ProtocolError(ErrorCodes.InvalidRequest, "The member \"version\" is required (the last state version the client holds).");
            return false;
        }

        if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt64(out version) || version < 0)
        {
            error = new ProtocolError(ErrorCodes.InvalidRequest, "\"version\" must be a whole number of at least 0.");
            version = 0;
            return false;
        }

        return true;
    }

    private static bool TryReadObject(JsonElement root, string member, out JsonElement value, out ProtocolError? error)
    {
        value = default;
        error = null;
        if (!root.TryGetProperty(member, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            error = new ProtocolError(ErrorCodes.InvalidRequest, $"\"{member}\" must be a JSON object, not {Registration.ActionArguments.DescribeKind(element.ValueKind)}.");
            return false;
        }

        value = element;
        return true;
    }
}
