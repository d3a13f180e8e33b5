using System.Globalization;

namespace Live.Client.Patching;

/// <summary>RFC 6901 JSON Pointer parsing, as JSON Patch needs it.</summary>
internal static class JsonPointer
{
    /// <summary>Splits a pointer into its unescaped reference tokens; <c>""</c> (the whole document) has none.</summary>
    public static string[] Parse(string pointer, int operationIndex)
    {
        if (pointer.Length == 0)
        {
            return [];
        }

        if (pointer[0] != '/')
        {
            throw new JsonPatchException("a JSON Pointer must be empty or start with '/'", operationIndex, pointer);
        }

        var tokens = pointer[1..].Split('/');
        for (var i = 0; i < tokens.Length; i++)
        {
            tokens[i] = Unescape(tokens[i], pointer, operationIndex);
        }

        return tokens;
    }

    /// <summary>
    /// Reads an array index token: <c>0</c> or digits without a leading zero. <c>-</c> (append) is handled by callers.
    /// </summary>
    public static int ParseIndex(string token, string pointer, int operationIndex)
    {
        var valid = token.Length > 0
            && (token.Length == 1 || token[0] != '0')
            && token.All(char.IsAsciiDigit)
            && int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out _);
        if (!valid)
        {
            throw new JsonPatchException($"'{token}' is not a valid array index", operationIndex, pointer);
        }

        return int.Parse(token, NumberStyles.None, CultureInfo.InvariantCulture);
    }

    private static string Unescape(string token, string pointer, int operationIndex)
    {
        if (!token.Contains('~', StringComparison.Ordinal))
        {
            return token;
        }

        for (var i = 0; i < token.Length; i++)
        {
            if (token[i] == '~' && (i + 1 == token.Length || (token[i + 1] != '0' && token[i + 1] != '1')))
            {
                throw new JsonPatchException("'~' must be followed by '0' or '1' in a JSON Pointer", operationIndex, pointer);
            }
        }

        // Order matters (RFC 6901 §4): "~01" is "~1", not "/".
        return token.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
    }
}
