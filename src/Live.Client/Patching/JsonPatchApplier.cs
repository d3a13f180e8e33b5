using System.Text.Json;
using System.Text.Json.Nodes;
using Live.Client.Protocol;

namespace Live.Client.Patching;

/// <summary>
/// Applies RFC 6902 JSON Patch documents to a <see cref="JsonNode"/> tree, in place and atomically: when an operation
/// fails, the operations before it are undone and a <see cref="JsonPatchException"/> names the failing one.
/// </summary>
/// <remarks>
/// Applying in place keeps the cost proportional to the patch, not to the document; the undo log (one closure per
/// applied operation) is what makes that safe, so a half-applied patch is never observable.
/// </remarks>
internal static class JsonPatchApplier
{
    /// <summary>Applies <paramref name="patch"/> (a JSON array of operations) to <paramref name="document"/>.</summary>
    /// <returns>The patched document: the same instance unless an operation replaced the whole document (path <c>""</c>).</returns>
    /// <exception cref="JsonPatchException">An operation is malformed or cannot be applied; the document is unchanged.</exception>
    public static JsonNode? Apply(JsonNode? document, JsonElement patch)
    {
        if (patch.ValueKind != JsonValueKind.Array)
        {
            throw new JsonPatchException("a JSON Patch document must be an array of operations", -1, null);
        }

        var target = new Target(document);
        var index = 0;
        try
        {
            foreach (var operation in patch.EnumerateArray())
            {
                ApplyOperation(target, operation, index);
                index++;
            }
        }
        catch
        {
            target.Rollback();
            throw;
        }

        return target.Root;
    }

    /// <summary>Parses <paramref name="patch"/> as JSON and applies it; a convenience for callers holding text.</summary>
    public static JsonNode? Apply(JsonNode? document, string patch)
    {
        using var parsed = JsonDocument.Parse(patch);
        return Apply(document, parsed.RootElement);
    }

    private static void ApplyOperation(Target target, JsonElement operation, int index)
    {
        if (operation.ValueKind != JsonValueKind.Object)
        {
            throw new JsonPatchException("an operation must be a JSON object", index, null);
        }

        var op = RequiredString(operation, "op", index, null);
        var path = RequiredString(operation, "path", index, null);
        var tokens = JsonPointer.Parse(path, index);
        switch (op)
        {
            case "add":
                Add(target, tokens, RequiredValue(operation, index, path), index, path);
                break;
            case "remove":
                Remove(target, tokens, index, path);
                break;
            case "replace":
                Replace(target, tokens, RequiredValue(operation, index, path), index, path);
                break;
            case "move":
            {
                var from = RequiredString(operation, "from", index, path);
                var fromTokens = JsonPointer.Parse(from, index);
                if (from == path)
                {
                    Get(target, fromTokens, index, from); // must exist; moving onto itself changes nothing
                    break;
                }

                if (path.StartsWith(from + "/", StringComparison.Ordinal))
                {
                    throw new JsonPatchException($"cannot move '{from}' into one of its own children", index, path);
                }

                var value = Remove(target, fromTokens, index, from);
                Add(target, tokens, value, index, path);
                break;
            }
            case "copy":
            {
                var from = RequiredString(operation, "from", index, path);
                var value = Get(target, JsonPointer.Parse(from, index), index, from);
                Add(target, tokens, value?.DeepClone(), index, path);
                break;
            }
            case "test":
            {
                var expected = RequiredValue(operation, index, path);
                var actual = Get(target, tokens, index, path);
                if (!JsonNode.DeepEquals(actual, expected))
                {
                    throw new JsonPatchException(
                        $"test failed: expected {expected?.ToJsonString() ?? "null"}, found {actual?.ToJsonString() ?? "null"}",
                        index,
                        path);
                }

                break;
            }
            default:
                throw new JsonPatchException($"unknown operation '{op}'", index, path);
        }
    }

    private static void Add(Target target, string[] tokens, JsonNode? value, int index, string path)
    {
        if (tokens.Length == 0)
        {
            target.ReplaceRoot(value);
            return;
        }

        var token = tokens[^1];
        switch (Parent(target, tokens, index, path))
        {
            case JsonObject obj:
                if (obj.TryGetPropertyValue(token, out var previous))
                {
                    obj[token] = value;
                    target.OnUndo(() => obj[token] = previous);
                }
                else
                {
                    obj.Add(token, value);
                    target.OnUndo(() => obj.Remove(token));
                }

                break;
            case JsonArray array:
                var at = token == "-" ? array.Count : JsonPointer.ParseIndex(token, path, index);
                if (at > array.Count)
                {
                    throw new JsonPatchException($"index {at} is out of range (the array has {array.Count} items)", index, path);
                }

                array.Insert(at, value);
                target.OnUndo(() => array.RemoveAt(at));
                break;
        }
    }

    private static JsonNode? Remove(Target target, string[] tokens, int index, string path)
    {
        if (tokens.Length == 0)
        {
            throw new JsonPatchException("cannot remove the whole document", index, path);
        }

        var token = tokens[^1];
        switch (Parent(target, tokens, index, path))
        {
            case JsonObject obj:
            {
                if (!obj.TryGetPropertyValue(token, out var removed))
                {
                    throw new JsonPatchException($"member '{token}' does not exist", index, path);
                }

                var position = obj.IndexOf(token);
                obj.RemoveAt(position);
                target.OnUndo(() => obj.Insert(position, token, removed));
                return removed;
            }
            case JsonArray array:
            {
                var at = ExistingIndex(array, token, index, path);
                var removed = array[at];
                array.RemoveAt(at);
                target.OnUndo(() => array.Insert(at, removed));
                return removed;
            }
            default:
                throw new InvalidOperationException("unreachable");
        }
    }

    private static void Replace(Target target, string[] tokens, JsonNode? value, int index, string path)
    {
        if (tokens.Length == 0)
        {
            target.ReplaceRoot(value);
            return;
        }

        var token = tokens[^1];
        switch (Parent(target, tokens, index, path))
        {
            case JsonObject obj:
                if (!obj.TryGetPropertyValue(token, out var previous))
                {
                    throw new JsonPatchException($"member '{token}' does not exist", index, path);
                }

                obj[token] = value;
                target.OnUndo(() => obj[token] = previous);
                break;
            case JsonArray array:
                var at = ExistingIndex(array, token, index, path);
                var old = array[at];
                array[at] = value;
                target.OnUndo(() => array[at] = old);
                break;
        }
    }

    private static JsonNode? Get(Target target, string[] tokens, int index, string path)
    {
        var node = target.Root;
        for (var i = 0; i < tokens.Length; i++)
        {
            node = Child(node, tokens[i], index, path);
        }

        return node;
    }

    /// <summary>Resolves the container the last token of <paramref name="tokens"/> addresses a member of.</summary>
    private static JsonNode Parent(Target target, string[] tokens, int index, string path)
    {
        var node = target.Root;
        for (var i = 0; i < tokens.Length - 1; i++)
        {
            node = Child(node, tokens[i], index, path);
        }

        return node is JsonObject or JsonArray
            ? node
            : throw new JsonPatchException("the parent of the target location is not an object or an array", index, path);
    }

    private static JsonNode? Child(JsonNode? node, string token, int index, string path)
    {
        switch (node)
        {
            case JsonObject obj:
                return obj.TryGetPropertyValue(token, out var member)
                    ? member
                    : throw new JsonPatchException($"member '{token}' does not exist", index, path);
            case JsonArray array:
                return array[ExistingIndex(array, token, index, path)];
            default:
                throw new JsonPatchException($"cannot resolve '{token}': the value there is not an object or an array", index, path);
        }
    }

    private static int ExistingIndex(JsonArray array, string token, int index, string path)
    {
        if (token == "-")
        {
            throw new JsonPatchException("'-' addresses no existing array item", index, path);
        }

        var at = JsonPointer.ParseIndex(token, path, index);
        return at < array.Count
            ? at
            : throw new JsonPatchException($"index {at} is out of range (the array has {array.Count} items)", index, path);
    }

    private static string RequiredString(JsonElement operation, string member, int index, string? path) =>
        operation.TryGetProperty(member, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new JsonPatchException($"the operation needs a string member '{member}'", index, path);

    private static JsonNode? RequiredValue(JsonElement operation, int index, string path) =>
        operation.TryGetProperty("value", out var value)
            ? JsonNodes.FromElement(value)
            : throw new JsonPatchException("the operation needs a member 'value'", index, path);

    /// <summary>The document being patched, plus the log that undoes what was applied so far.</summary>
    private sealed class Target(JsonNode? root)
    {
        private List<Action>? _undo;

        public JsonNode? Root { get; private set; } = root;

        public void ReplaceRoot(JsonNode? value)
        {
            var previous = Root;
            Root = value;
            OnUndo(() => Root = previous);
        }

        public void OnUndo(Action undo) => (_undo ??= []).Add(undo);

        public void Rollback()
        {
            if (_undo is null)
            {
                return;
            }

            for (var i = _undo.Count - 1; i >= 0; i--)
            {
                _undo[i]();
            }
        }
    }
}
