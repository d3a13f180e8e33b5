using System.Text.Json.Nodes;

namespace Live.Core.Tests.Diffing;

/// <summary>
/// A strict RFC 6902 applier over <see cref="JsonNode"/>, written independently of the engine so the tests check the
/// engine's patches against the standard rather than against itself. Any bad op or path throws
/// <see cref="JsonPatchException"/>.
/// </summary>
internal static class JsonPatchApplier
{
    public static JsonNode? Apply(JsonNode? document, JsonArray patch)
    {
        foreach (var entry in patch)
        {
            if (entry is not JsonObject op)
            {
                throw new JsonPatchException("an operation must be an object");
            }

            var path = RequiredString(op, "path");
            document = RequiredString(op, "op") switch
            {
                "add" => Add(document, path, RequiredValue(op)?.DeepClone()),
                "remove" => Remove(document, path, out _),
                "replace" => Replace(document, path, RequiredValue(op)?.DeepClone()),
                "move" => Move(document, RequiredString(op, "from"), path),
                "copy" => Add(document, path, Get(document, RequiredString(op, "from"))?.DeepClone()),
                "test" => Test(document, path, RequiredValue(op)),
                var other => throw new JsonPatchException($"unknown op '{other}'"),
            };
        }

        return document;
    }

    public static IReadOnlyList<string> ParsePointer(string pointer)
    {
        if (pointer.Length == 0)
        {
            return [];
        }

        if (pointer[0] != '/')
        {
            throw new JsonPatchException($"pointer '{pointer}' must start with '/'");
        }

        var tokens = new List<string>();
        foreach (var raw in pointer[1..].Split('/'))
        {
            var token = new System.Text.StringBuilder(raw.Length);
            for (var i = 0; i < raw.Length; i++)
            {
                if (raw[i] != '~')
                {
                    token.Append(raw[i]);
                    continue;
                }

                if (i + 1 >= raw.Length || (raw[i + 1] != '0' && raw[i + 1] != '1'))
                {
                    throw new JsonPatchException($"bad escape in pointer '{pointer}'");
                }

                token.Append(raw[i + 1] == '0' ? '~' : '/');
                i++;
            }

            tokens.Add(token.ToString());
        }

        return tokens;
    }

    private static JsonNode? Add(JsonNode? document, string path, JsonNode? value)
    {
        var tokens = ParsePointer(path);
        if (tokens.Count == 0)
        {
            return value;
        }

        switch (Resolve(document, tokens, tokens.Count - 1))
        {
            case JsonObject obj:
                obj[tokens[^1]] = value;
                break;
            case JsonArray array:
                var index = tokens[^1] == "-" ? array.Count : ParseIndex(tokens[^1], array.Count + 1);
                array.Insert(index, value);
                break;
            default:
                throw new JsonPatchException($"parent of '{path}' is not a container");
        }

        return document;
    }

    private static JsonNode? Remove(JsonNode? document, string path, out JsonNode? removed)
    {
        var tokens = ParsePointer(path);
        if (tokens.Count == 0)
        {
            throw new JsonPatchException("cannot remove the whole document");
        }

        switch (Resolve(document, tokens, tokens.Count - 1))
        {
            case JsonObject obj:
                if (!obj.TryGetPropertyValue(tokens[^1], out removed))
                {
                    throw new JsonPatchException($"no member at '{path}'");
                }

                obj.Remove(tokens[^1]);
                break;
            case JsonArray array:
                var index = ParseIndex(tokens[^1], array.Count);
                removed = array[index];
                array.RemoveAt(index);
                break;
            default:
                throw new JsonPatchException($"parent of '{path}' is not a container");
        }

        return document;
    }

    private static JsonNode? Replace(JsonNode? document, string path, JsonNode? value)
    {
        var tokens = ParsePointer(path);
        if (tokens.Count == 0)
        {
            return value;
        }

        switch (Resolve(document, tokens, tokens.Count - 1))
        {
            case JsonObject obj:
                if (!obj.ContainsKey(tokens[^1]))
                {
                    throw new JsonPatchException($"no member at '{path}'");
                }

                obj[tokens[^1]] = value;
                break;
            case JsonArray array:
                array[ParseIndex(tokens[^1], array.Count)] = value;
                break;
            default:
                throw new JsonPatchException($"parent of '{path}' is not a container");
        }

        return document;
    }

    private static JsonNode? Move(JsonNode? document, string from, string path)
    {
        if (path.StartsWith(from + "/", StringComparison.Ordinal))
        {
            throw new JsonPatchException($"cannot move '{from}' into its own child '{path}'");
        }

        if (from == path)
        {
            Get(document, from);
            return document;
        }

        document = Remove(document, from, out var value);
        return Add(document, path, value);
    }

    private static JsonNode? Test(JsonNode? document, string path, JsonNode? expected)
    {
        if (!JsonNode.DeepEquals(Get(document, path), expected))
        {
            throw new JsonPatchException($"test failed at '{path}'");
        }

        return document;
    }

    private static JsonNode? Get(JsonNode? document, string path)
    {
        var tokens = ParsePointer(path);
        return Resolve(document, tokens, tokens.Count);
    }

    /// <summary>The node reached by the first <paramref name="count"/> tokens; every step must exist.</summary>
    private static JsonNode? Resolve(JsonNode? document, IReadOnlyList<string> tokens, int count)
    {
        var node = document;
        for (var i = 0; i < count; i++)
        {
            node = node switch
            {
                JsonObject obj => obj.TryGetPropertyValue(tokens[i], out var child) ? child : throw new JsonPatchException($"no member '{tokens[i]}'"),
                JsonArray array => array[ParseIndex(tokens[i], array.Count)],
                _ => throw new JsonPatchException($"cannot step into a scalar with '{tokens[i]}'"),
            };
        }

        return node;
    }

    /// <summary>A decimal index without leading zeros, below <paramref name="limit"/>.</summary>
    private static int ParseIndex(string token, int limit)
    {
        if (token.Length == 0 || (token.Length > 1 && token[0] == '0') || !token.All(char.IsAsciiDigit)
            || !int.TryParse(token, out var index) || index >= limit)
        {
            throw new JsonPatchException($"bad array index '{token}' (limit {limit})");
        }

        return index;
    }

    private static string RequiredString(JsonObject op, string name) =>
        op[name] is JsonValue value && value.TryGetValue<string>(out var text)
            ? text
            : throw new JsonPatchException($"op lacks string '{name}'");

    private static JsonNode? RequiredValue(JsonObject op) =>
        op.TryGetPropertyValue("value", out var value) ? value : throw new JsonPatchException("op lacks 'value'");
}

internal sealed class JsonPatchException(string message) : Exception(message);
