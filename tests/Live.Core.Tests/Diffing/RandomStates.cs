using System.Text.Json.Nodes;

namespace Live.Core.Tests.Diffing;

/// <summary>
/// Seeded random component states and random edits of them, for the property tests. States look like real ones
/// (scalars, nested objects, keyed lists of objects with <c>id</c>, unkeyed lists) and use names and strings with
/// <c>/</c> and <c>~</c>; edits insert, remove, change and reorder items, add/remove/change members and change types.
/// </summary>
internal sealed class RandomStates(int seed)
{
    private static readonly string[] Words = ["milk", "a/b", "~", "~1", "x~0/y", "", "é", "tea", "q\"", "/", "id", "-", "0"];

    private readonly Random _random = new(seed);
    private int _nextId;

    public JsonNode State(int size)
    {
        var state = new JsonObject
        {
            ["filter"] = Word(),
            ["count"] = _random.Next(-5, 100),
            ["todos"] = KeyedList(size),
            ["tags"] = UnkeyedList(_random.Next(size + 1)),
            ["nested"] = Object(2, size),
        };
        if (_random.Next(3) == 0)
        {
            state[Word()] = Value(2, size);
        }

        return state;
    }

    /// <summary>Applies <paramref name="edits"/> random edits anywhere in <paramref name="root"/>; returns the new root.</summary>
    public JsonNode? Edit(JsonNode? root, int edits, int size)
    {
        for (var e = 0; e < edits; e++)
        {
            if (_random.Next(40) == 0)
            {
                root = Value(2, size); // the root changes kind, or is replaced
                continue;
            }

            var containers = new List<JsonNode>();
            Collect(root, containers);
            if (containers.Count == 0)
            {
                root = State(size);
                continue;
            }

            switch (containers[_random.Next(containers.Count)])
            {
                case JsonObject obj:
                    EditObject(obj, size);
                    break;
                case JsonArray array:
                    EditArray(array, size);
                    break;
            }
        }

        return root;
    }

    private void EditObject(JsonObject obj, int size)
    {
        var names = obj.Select(p => p.Key).ToList();
        switch (_random.Next(4))
        {
            case 0:
                obj[Word() + (_random.Next(2) == 0 ? "" : Word())] = Value(1, size);
                break;
            case 1 when names.Count > 0:
                obj.Remove(names[_random.Next(names.Count)]);
                break;
            case 2 when names.Count > 0:
                obj[names[_random.Next(names.Count)]] = Scalar(); // often a type change
                break;
            default:
                if (names.Count > 0)
                {
                    obj[names[_random.Next(names.Count)]] = Value(1, size);
                }

                break;
        }
    }

    private void EditArray(JsonArray array, int size)
    {
        var keyed = array.Count > 0 && array.All(item => item is JsonObject o && o.ContainsKey("id"));
        switch (_random.Next(keyed ? 9 : 6))
        {
            case 0:
                array.Insert(_random.Next(array.Count + 1), keyed ? KeyedItem(size) : Value(1, size));
                break;
            case 1 when array.Count > 0:
                array.RemoveAt(_random.Next(array.Count));
                break;
            case 2 when array.Count > 1:
                {
                    var from = _random.Next(array.Count);
                    var item = array[from];
                    array.RemoveAt(from);
                    array.Insert(_random.Next(array.Count + 1), item);
                    break;
                }

            case 3 when array.Count > 1:
                {
                    var items = array.Select(item => item?.DeepClone()).ToArray();
                    _random.Shuffle(items);
                    array.Clear();
                    foreach (var item in items)
                    {
                        array.Add(item);
                    }

                    break;
                }

            case 4 when array.Count > 0:
                array[_random.Next(array.Count)] = keyed ? KeyedItem(size) : Value(1, size);
                break;
            case 5 when array.Count > 0:
                // Remove a run and insert a run: a burst of edits in one spot.
                var at = _random.Next(array.Count);
                var remove = Math.Min(_random.Next(1, 4), array.Count - at);
                for (var i = 0; i < remove; i++)
                {
                    array.RemoveAt(at);
                }

                for (var i = _random.Next(3); i > 0; i--)
                {
                    array.Insert(at, keyed ? KeyedItem(size) : Scalar());
                }

                break;
            case 6 when keyed:
                // A duplicate key: the engine must fall back to positional diffing.
                var copy = array[_random.Next(array.Count)]!.DeepClone();
                copy["text"] = Word();
                array.Insert(_random.Next(array.Count + 1), copy);
                break;
            case 7 when keyed:
                array.Insert(_random.Next(array.Count + 1), Scalar()); // mixed items
                break;
            case 8 when keyed:
                var changed = (JsonObject)array[_random.Next(array.Count)]!;
                changed["done"] = _random.Next(2) == 0;
                changed["text"] = Word();
                break;
            default:
                array.Add(keyed ? KeyedItem(size) : Scalar());
                break;
        }
    }

    private static void Collect(JsonNode? node, List<JsonNode> containers)
    {
        switch (node)
        {
            case JsonObject obj:
                containers.Add(obj);
                foreach (var member in obj)
                {
                    Collect(member.Value, containers);
                }

                break;
            case JsonArray array:
                containers.Add(array);
                foreach (var item in array)
                {
                    Collect(item, containers);
                }

                break;
        }
    }

    private JsonNode? Value(int depth, int size) => (depth <= 0 ? 0 : _random.Next(5)) switch
    {
        0 or 1 => Scalar(),
        2 => Object(depth - 1, size),
        3 => KeyedList(_random.Next(size + 1)),
        _ => UnkeyedList(_random.Next((size / 2) + 1)),
    };

    private JsonObject Object(int depth, int size)
    {
        var obj = new JsonObject();
        for (var i = _random.Next(4); i > 0; i--)
        {
            obj[Word() + i] = Value(depth, size);
        }

        return obj;
    }

    private JsonArray KeyedList(int count)
    {
        var list = new JsonArray();
        for (var i = 0; i < count; i++)
        {
            list.Add(KeyedItem(0));
        }

        return list;
    }

    private JsonObject KeyedItem(int size)
    {
        // Ids are unique per generator; some numeric, some strings with pointer-special characters.
        var id = _nextId++;
        var item = new JsonObject
        {
            ["id"] = _random.Next(3) == 0 ? JsonValue.Create(id) : JsonValue.Create($"t{id}/~{Word()}"),
            ["text"] = Word(),
            ["done"] = _random.Next(2) == 0,
        };
        if (size > 0 && _random.Next(4) == 0)
        {
            item["tags"] = UnkeyedList(_random.Next(3));
        }

        return item;
    }

    private JsonArray UnkeyedList(int count)
    {
        var list = new JsonArray();
        for (var i = 0; i < count; i++)
        {
            list.Add(_random.Next(4) == 0 ? new JsonObject { [Word()] = Scalar() } : Scalar());
        }

        return list;
    }

    private JsonValue? Scalar() => _random.Next(7) switch
    {
        // Long enough that positional lists are patched item by item rather than replaced whole.
        6 => JsonValue.Create($"a longer piece of text {_random.Next(1000)} {Word()}"),
        0 => null,
        1 => JsonValue.Create(_random.Next(2) == 0),
        2 => JsonValue.Create(_random.Next(-1000, 1000)),
        3 => JsonValue.Create(_random.NextDouble() * 100),
        _ => JsonValue.Create(Word() + Word()),
    };

    private string Word() => Words[_random.Next(Words.Length)];
}
