using System.Text.Json;
using System.Text.Json.Nodes;
using Live.Protocol;

namespace Live.Rooms;

/// <summary>
/// Changes a room's shared state inside <see cref="RoomHandle.UpdateStateAsync(Action{RoomStateEditor})"/>. Paths are
/// member names and list indexes separated by <c>/</c> (<c>"messages"</c>, <c>"board/columns/0/title"</c>; a leading
/// <c>/</c> is allowed; <c>""</c> is the whole state). The operations of one update apply all together or not at all:
/// an operation on a value of the wrong type throws <see cref="LiveRoomException"/> (<c>room_state_conflict</c>) and the
/// state stays as it was.
/// </summary>
public sealed class RoomStateEditor
{
    private readonly JsonSerializerOptions options;

    internal RoomStateEditor(JsonObject state, JsonSerializerOptions options)
    {
        State = state;
        this.options = options;
    }

    internal JsonObject State { get; }

    /// <summary>The value at <paramref name="path"/>, or <see langword="null"/> when there is none. Do not keep it.</summary>
    /// <param name="path">Where to read.</param>
    /// <returns>The node (live: changes through this editor show in it).</returns>
    public JsonNode? Get(string path)
    {
        var segments = Split(path);
        JsonNode? node = State;
        foreach (var segment in segments)
        {
            node = node switch
            {
                JsonObject obj => obj[segment],
                JsonArray array when TryIndex(segment, array.Count, out var index) => array[index],
                _ => null,
            };
            if (node is null)
            {
                return null;
            }
        }

        return node;
    }

    /// <summary>Sets the value at <paramref name="path"/>, creating missing objects on the way.</summary>
    /// <typeparam name="T">The value's type (serialized with the app's JSON options).</typeparam>
    /// <param name="path">Where to write; must not be the root.</param>
    /// <param name="value">The value.</param>
    public void Set<T>(string path, T value) => SetNode(path, ToNode(value));

    private void SetNode(string path, JsonNode? node)
    {
        var (parent, last) = Parent(path, "Set", create: true);
        switch (parent)
        {
            case JsonObject obj:
                obj[last] = node;
                break;
            case JsonArray array when TryIndex(last, array.Count, out var index):
                array[index] = node;
                break;
            default:
                throw Conflict(path, parent, "Set needs an object member or an existing list index");
        }
    }

    /// <summary>Removes the member or list item at <paramref name="path"/>; returns whether there was one.</summary>
    /// <param name="path">What to remove; must not be the root.</param>
    /// <returns><see langword="true"/> when something was removed.</returns>
    public bool Remove(string path)
    {
        var (parent, last) = Parent(path, "Remove", create: false);
        switch (parent)
        {
            case JsonObject obj:
                return obj.Remove(last);
            case JsonArray array when TryIndex(last, array.Count, out var index):
                array.RemoveAt(index);
                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// Merges <paramref name="patch"/> into the object at <paramref name="path"/> as a JSON Merge Patch (RFC 7386):
    /// objects merge member by member, a <see langword="null"/> member removes it, anything else replaces.
    /// </summary>
    /// <typeparam name="T">The patch's type: an object (a record, an anonymous-type-free DTO, or a <see cref="JsonObject"/>).</typeparam>
    /// <param name="path">The object to merge into (created when missing; <c>""</c> for the whole state).</param>
    /// <param name="patch">The members to merge.</param>
    public void Merge<T>(string path, T patch)
    {
        if (ToNode(patch) is not JsonObject members)
        {
            throw new LiveRoomException(ErrorCodes.RoomStateConflict, $"Merge at '{Display(path)}' needs an object to merge, not {Kind(ToNode(patch))}.");
        }

        var target = Container<JsonObject>(path, "Merge", "an object", () => []);
        MergeInto(target, members);
    }

    /// <summary>Appends <paramref name="item"/> to the list at <paramref name="path"/> (created when missing).</summary>
    /// <typeparam name="T">The item's type.</typeparam>
    /// <param name="path">The list.</param>
    /// <param name="item">The item to append.</param>
    /// <returns>The list's new length.</returns>
    public int Push<T>(string path, T item)
    {
        var list = Container<JsonArray>(path, "Push", "a list", () => []);
        list.Add(ToNode(item));
        return list.Count;
    }

    /// <summary>Removes every item of the list at <paramref name="path"/> that <paramref name="match"/> accepts.</summary>
    /// <param name="path">The list (a missing list removes nothing).</param>
    /// <param name="match">Decides per item.</param>
    /// <returns>How many items were removed.</returns>
    public int RemoveWhere(string path, Func<JsonNode?, bool> match)
    {
        ArgumentNullException.ThrowIfNull(match);
        if (Get(path) is null)
        {
            return 0;
        }

        var list = Container<JsonArray>(path, "RemoveWhere", "a list", () => []);
        var removed = 0;
        for (var i = list.Count - 1; i >= 0; i--)
        {
            if (match(list[i]))
            {
                list.RemoveAt(i);
                removed++;
            }
        }

        return removed;
    }

    /// <summary>Removes every item of the list at <paramref name="path"/> whose <paramref name="member"/> equals <paramref name="value"/>.</summary>
    /// <typeparam name="T">The member value's type.</typeparam>
    /// <param name="path">The list.</param>
    /// <param name="member">The member of each item to compare (its JSON name).</param>
    /// <param name="value">The value to match.</param>
    /// <returns>How many items were removed.</returns>
    public int RemoveWhere<T>(string path, string member, T value)
    {
        var wanted = ToNode(value);
        return RemoveWhere(path, item => item is JsonObject obj && obj.TryGetPropertyValue(member, out var actual) && JsonNode.DeepEquals(actual, wanted));
    }

    /// <summary>Adds <paramref name="by"/> to the integer at <paramref name="path"/> (a missing value counts as 0).</summary>
    /// <param name="path">The number.</param>
    /// <param name="by">How much to add (negative to subtract).</param>
    /// <returns>The new value.</returns>
    public long Increment(string path, long by = 1)
    {
        var current = Get(path);
        long value = 0;
        if (current is not null)
        {
            if (current is not JsonValue number || number.GetValueKind() != JsonValueKind.Number || !number.TryGetValue(out value))
            {
                if (current is JsonValue n && n.GetValueKind() == JsonValueKind.Number && n.TryGetValue(out double d))
                {
                    value = d == Math.Floor(d) && Math.Abs(d) < 9e15 ? (long)d : throw Conflict(path, current, "Increment needs an integer");
                }
                else
                {
                    throw Conflict(path, current, "Increment needs a number");
                }
            }
        }

        long next;
        try
        {
            next = checked(value + by);
        }
        catch (OverflowException)
        {
            throw new LiveRoomException(ErrorCodes.RoomStateConflict, $"Increment at '{Display(path)}' would overflow a 64-bit integer.");
        }

        Set(path, next);
        return next;
    }

    /// <summary>Subtracts <paramref name="by"/> from the integer at <paramref name="path"/> (a missing value counts as 0).</summary>
    /// <param name="path">The number.</param>
    /// <param name="by">How much to subtract.</param>
    /// <returns>The new value.</returns>
    public long Decrement(string path, long by = 1) =>
        by == long.MinValue
            ? throw new LiveRoomException(ErrorCodes.RoomStateConflict, "Decrement by long.MinValue would overflow.")
            : Increment(path, -by);

    internal JsonNode? ToNode<T>(T value) => value switch
    {
        null => null,
        JsonNode node => node.DeepClone(),
        JsonElement element => JsonNode.Parse(element.GetRawText()),
        // A Nullable<T> that has a value serializes as its T (metadata for 'bool?' need not exist when 'bool''s does).
        _ => JsonSerializer.SerializeToNode(value, options.GetTypeInfo(Nullable.GetUnderlyingType(typeof(T)) ?? (typeof(T) == typeof(object) ? value.GetType() : typeof(T)))),
    };

    private static void MergeInto(JsonObject target, JsonObject patch)
    {
        foreach (var (name, value) in patch.ToList())
        {
            if (value is null)
            {
                target.Remove(name);
            }
            else if (value is JsonObject inner && target[name] is JsonObject existing)
            {
                MergeInto(existing, inner);
            }
            else
            {
                target[name] = value.DeepClone();
            }
        }
    }

    private TNode Container<TNode>(string path, string operation, string expected, Func<TNode> create)
        where TNode : JsonNode
    {
        if (Split(path).Length == 0)
        {
            return State as TNode ?? throw Conflict(path, State, $"{operation} needs {expected}");
        }

        var existing = Get(path);
        if (existing is TNode typed)
        {
            return typed;
        }

        if (existing is not null)
        {
            throw Conflict(path, existing, $"{operation} needs {expected}");
        }

        var made = create();
        SetNode(path, made);
        return made;
    }

    private (JsonNode Parent, string Last) Parent(string path, string operation, bool create)
    {
        var segments = Split(path);
        if (segments.Length == 0)
        {
            throw new LiveRoomException(ErrorCodes.RoomStateConflict, $"{operation} needs a path below the root (use Merge to change the whole state).");
        }

        JsonNode node = State;
        for (var i = 0; i < segments.Length - 1; i++)
        {
            var segment = segments[i];
            JsonNode? next = node switch
            {
                JsonObject obj => obj[segment],
                JsonArray array when TryIndex(segment, array.Count, out var index) => array[index],
                JsonArray => throw new LiveRoomException(ErrorCodes.RoomStateConflict, $"'{Display(path)}': '{segment}' is not an index of the list at '{Join(segments, i)}' (it has {((JsonArray)node).Count} items)."),
                _ => throw Conflict(Join(segments, i), node, $"{operation} at '{Display(path)}' needs an object or a list on the way"),
            };
            if (next is null)
            {
                if (!create || node is not JsonObject parentObject)
                {
                    throw new LiveRoomException(ErrorCodes.RoomStateConflict, $"'{Display(path)}': nothing at '{Join(segments, i + 1)}'.");
                }

                next = new JsonObject();
                parentObject[segment] = next;
            }

            node = next;
        }

        return (node, segments[^1]);
    }

    private static string[] Split(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return path.Split('/', StringSplitOptions.RemoveEmptyEntries);
    }

    private static bool TryIndex(string segment, int count, out int index) =>
        int.TryParse(segment, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out index) && index < count;

    private static string Join(string[] segments, int count) => "/" + string.Join('/', segments.Take(count));

    private static string Display(string path) => path.StartsWith('/') ? path : "/" + path;

    private static LiveRoomException Conflict(string path, JsonNode? actual, string need) =>
        new(ErrorCodes.RoomStateConflict, $"'{Display(path)}' holds {Kind(actual)}: {need}.");

    private static string Kind(JsonNode? node) => node switch
    {
        null => "nothing",
        JsonObject => "an object",
        JsonArray => "a list",
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => "a string",
            JsonValueKind.Number => "a number",
            JsonValueKind.True or JsonValueKind.False => "a boolean",
            _ => "a value",
        },
        _ => "a value",
    };
}
