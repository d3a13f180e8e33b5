using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Live.Diffing;
using Live.Registration;

namespace Live.Core.Tests.Diffing.Typed;

/// <summary>
/// The typed list walk (shared prefix and suffix trimmed by reference, keys matched as values) against the JSON path:
/// the same ops byte for byte, on random edits of every list shape and on the large-list cases it exists for.
/// </summary>
public sealed class TypedListWalkTests
{
    private const int RandomCases = 600;

    private static readonly JsonSerializerOptions Options = CreateOptions();
    private static readonly JsonTypeInfo StateInfo = Options.GetTypeInfo(typeof(ListShapesState));
    private static readonly TypedPatchBuilder TypedEngine = new(PatchBuilder.Default);

    [Fact]
    public void Random_edits_of_every_list_shape_give_the_ops_of_the_json_path()
    {
        for (var seed = 0; seed < RandomCases; seed++)
        {
            var states = new RandomListShapes(seed);
            var size = seed % 3 == 0 ? 40 : 8; // 40: middles past PatchBuilder's pairwise matching limit
            var old = states.State(size);
            AssertSameOpsAsJsonPath(old, states.Edit(old, 1 + (seed % 4), size));
        }
    }

    [Fact]
    public void Removing_one_item_and_appending_one_in_a_10000_item_list_is_one_remove_and_one_add()
    {
        var old = new ListShapesState { Longs = [.. Enumerable.Range(0, 10_000).Select(i => new LongItem(i, "item"))] };
        var next = old with { Longs = old.Longs.RemoveAt(10).Add(new LongItem(10_000, "new")) };

        var patch = AssertSameOpsAsJsonPath(old, next);

        Assert.Equal("""[{"op":"remove","path":"/longs/10"},{"op":"add","path":"/longs/-","value":{"id":10000,"text":"new"}}]""", patch);
    }

    [Fact]
    public void Toggling_one_item_of_a_large_immutable_array_or_plain_array_is_one_replace()
    {
        var items = Enumerable.Range(0, 2_000).Select(i => new LongItem(i, "item")).ToArray();
        var old = new ListShapesState { LongArray = [.. items], PlainArray = items };
        var changed = (LongItem[])items.Clone();
        changed[1_500] = changed[1_500] with { Text = "changed" };
        var next = old with { LongArray = old.LongArray.SetItem(7, items[7] with { Text = "changed" }), PlainArray = changed };

        var patch = AssertSameOpsAsJsonPath(old, next);

        Assert.Equal("""[{"op":"replace","path":"/longArray/7/text","value":"changed"},{"op":"replace","path":"/plainArray/1500/text","value":"changed"}]""", patch);
    }

    [Fact]
    public void A_value_type_list_with_one_change_deep_inside_is_one_replace()
    {
        var old = new ListShapesState { Ints = [.. Enumerable.Range(0, 5_000)], Doubles = [.. Enumerable.Repeat(0.0, 100)] };
        var next = old with { Ints = old.Ints.SetItem(2_500, -1), Doubles = old.Doubles.SetItem(50, -0.0) };

        var patch = AssertSameOpsAsJsonPath(old, next);

        Assert.Equal("""[{"op":"replace","path":"/ints/2500","value":-1},{"op":"replace","path":"/doubles/50","value":-0}]""", patch);
    }

    [Fact]
    public void An_item_of_a_derived_type_deep_inside_a_list_is_diffed_as_json_like_the_json_path()
    {
        var old = new ListShapesState { Bases = [.. Enumerable.Range(0, 1_000).Select(i => new BaseItem(i, "item"))] };
        var next = old with { Bases = old.Bases.SetItem(600, new DerivedItem(600, "derived", 1)) };

        var patch = AssertSameOpsAsJsonPath(old, next);

        Assert.Equal("""[{"op":"replace","path":"/bases/600/text","value":"derived"}]""", patch);
    }

    [Fact]
    public void A_repeated_key_inside_the_shared_prefix_keeps_the_keyed_diff_and_one_in_the_middle_falls_back_to_positions()
    {
        var first = new LongItem(1, "a");
        var old = new ListShapesState { Longs = [first, first, .. Enumerable.Range(2, 200).Select(i => new LongItem(i, "x"))] };
        var sharedRepeat = old with { Longs = old.Longs.RemoveAt(100) };
        var middleRepeat = old with { Longs = old.Longs.Insert(100, old.Longs[150]).RemoveAt(20) };

        Assert.Equal("""[{"op":"remove","path":"/longs/100"}]""", AssertSameOpsAsJsonPath(old, sharedRepeat));
        AssertSameOpsAsJsonPath(old, middleRepeat);
    }

    [Fact]
    public void Lists_rebuilt_equal_but_not_same_give_no_op_and_a_moved_item_gives_one_move()
    {
        var old = new ListShapesState { Guids = [.. Enumerable.Range(0, 300).Select(i => new GuidItem(new Guid(i, 0, 0, new byte[8]), i % 3))] };
        var rebuilt = old with { Guids = [.. old.Guids.Select(g => g with { })] };
        var moved = old with { Guids = old.Guids.RemoveAt(5).Insert(250, old.Guids[5]) };

        Assert.Equal("[]", AssertSameOpsAsJsonPath(old, rebuilt));
        Assert.Equal("""[{"op":"move","from":"/guids/5","path":"/guids/250"}]""", AssertSameOpsAsJsonPath(old, moved));
    }

    [Fact]
    public void Null_items_and_null_keys_deep_inside_a_list_are_diffed_like_the_json_path()
    {
        var old = new ListShapesState { Named = [.. Enumerable.Range(0, 500).Select(i => new NamedItem("n" + i, 0))] };
        var nullItem = old with { Named = old.Named.SetItem(250, null).RemoveAt(400) };
        var nullKey = old with { Named = old.Named.Insert(300, new NamedItem(null, 1)).RemoveAt(10) };
        var twoNullKeys = nullKey with { Named = nullKey.Named.Insert(100, new NamedItem(null, 2)) };

        AssertSameOpsAsJsonPath(old, nullItem);
        AssertSameOpsAsJsonPath(old, nullKey);
        AssertSameOpsAsJsonPath(old, twoNullKeys);
    }

    /// <summary>Asserts the typed ops are the JSON path's ops and turn the old JSON into the new; returns them.</summary>
    private static string AssertSameOpsAsJsonPath(ListShapesState old, ListShapesState next)
    {
        var oldJson = JsonSerializer.Serialize(old, StateInfo);
        var newJson = JsonSerializer.Serialize(next, StateInfo);
        using var oldDocument = JsonDocument.Parse(oldJson);
        using var newDocument = JsonDocument.Parse(newJson);
        var expected = PatchBuilder.Default.CreatePatchString(oldDocument.RootElement, newDocument.RootElement);
        var actual = Encoding.UTF8.GetString(TypedEngine.CreatePatch(old, next, StateInfo));
        Assert.True(expected == actual, $"old: {Shorten(oldJson)}\nnew: {Shorten(newJson)}\njson path: {expected}\ntyped:     {actual}");
        var applied = JsonPatchApplier.Apply(JsonNode.Parse(oldJson), JsonNode.Parse(actual)!.AsArray());
        Assert.True(JsonNode.DeepEquals(applied, JsonNode.Parse(newJson)), $"ops {Shorten(actual)} do not give the new state");
        return actual;
    }

    private static string Shorten(string text) => text.Length <= 4_000 ? text : text[..4_000] + "…";

    private static JsonSerializerOptions CreateOptions()
    {
        var descriptor = ComponentCatalog.Snapshot().Single(d => d.Name == "ListShapesComponent");
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            TypeInfoResolver = JsonTypeInfoResolver.Combine(descriptor.TypeInfoResolver!, Live.Serialization.PrimitiveJsonContext.Default),
        };
        options.MakeReadOnly();
        return options;
    }
}
