using System.Text.Json;
using System.Text.Json.Nodes;
using Live.Rooms;

namespace Live.Core.Tests.Rooms;

public sealed class RoomStateEditorTests
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { TypeInfoResolver = Live.Serialization.PrimitiveJsonContext.Default };

    private static RoomStateEditor Editor(string json) => new((JsonObject)JsonNode.Parse(json)!, Options);

    private static string Json(RoomStateEditor editor) => editor.State.ToJsonString();

    [Fact]
    public void Set_creates_missing_objects_on_the_way_and_replaces_list_items()
    {
        var editor = Editor("""{"list":[1,2]}""");

        editor.Set("a/b/c", "deep");
        editor.Set("/list/1", 20);

        Assert.Equal("""{"list":[1,20],"a":{"b":{"c":"deep"}}}""", Json(editor));
    }

    [Fact]
    public void Nullable_values_serialize_as_their_underlying_type_or_null()
    {
        var editor = Editor("{}");

        editor.Set<bool?>("on", true);
        editor.Set<int?>("none", null);

        Assert.Equal("""{"on":true,"none":null}""", Json(editor));
    }

    [Fact]
    public void Merge_follows_json_merge_patch_nulls_remove_and_objects_merge()
    {
        var editor = Editor("""{"user":{"name":"a","age":3,"tags":["x"]}}""");

        editor.Merge("user", new JsonObject { ["age"] = null, ["tags"] = new JsonArray("y"), ["extra"] = new JsonObject { ["k"] = 1 } });

        Assert.Equal("""{"user":{"name":"a","tags":["y"],"extra":{"k":1}}}""", Json(editor));
    }

    [Fact]
    public void Push_appends_and_creates_the_list_when_missing()
    {
        var editor = Editor("{}");

        Assert.Equal(1, editor.Push("items", "a"));
        Assert.Equal(2, editor.Push("items", "b"));

        Assert.Equal("""{"items":["a","b"]}""", Json(editor));
    }

    [Fact]
    public void RemoveWhere_removes_every_matching_item_and_counts_them()
    {
        var editor = Editor("""{"todos":[{"id":1,"done":true},{"id":2,"done":false},{"id":3,"done":true}]}""");

        Assert.Equal(2, editor.RemoveWhere("todos", "done", true));
        Assert.Equal(0, editor.RemoveWhere("missing", _ => true));

        Assert.Equal("""{"todos":[{"id":2,"done":false}]}""", Json(editor));
    }

    [Fact]
    public void Increment_and_decrement_work_on_integers_and_treat_missing_as_zero()
    {
        var editor = Editor("""{"n":5}""");

        Assert.Equal(7, editor.Increment("n", 2));
        Assert.Equal(-1, editor.Decrement("fresh"));
        Assert.Equal("""{"n":7,"fresh":-1}""", Json(editor));
    }

    [Theory]
    [InlineData("""{"n":"five"}""", "n", "'/n' holds a string: Increment needs a number.")]
    [InlineData("""{"n":1.5}""", "n", "'/n' holds a number: Increment needs an integer.")]
    [InlineData("""{"n":{}}""", "n", "'/n' holds an object: Increment needs a number.")]
    [InlineData("""{"n":9223372036854775807}""", "n", "Increment at '/n' would overflow a 64-bit integer.")]
    public void Increment_on_the_wrong_type_says_what_it_found(string json, string path, string message)
    {
        var editor = Editor(json);

        var error = Assert.Throws<LiveRoomException>(() => editor.Increment(path));

        Assert.Equal("room_state_conflict", error.Code);
        Assert.Equal(message, error.Message);
        Assert.Equal(json, Json(editor));
    }

    [Fact]
    public void Operations_on_the_wrong_container_type_are_refused()
    {
        var editor = Editor("""{"s":"text","o":{},"l":[]}""");

        Assert.Equal("'/s' holds a string: Push needs a list.", Assert.Throws<LiveRoomException>(() => editor.Push("s", 1)).Message);
        Assert.Equal("'/l' holds a list: Merge needs an object.", Assert.Throws<LiveRoomException>(() => editor.Merge("l", new JsonObject())).Message);
        Assert.Equal("'/o' holds an object: RemoveWhere needs a list.", Assert.Throws<LiveRoomException>(() => editor.RemoveWhere("o", _ => true)).Message);
        Assert.Contains("holds a string", Assert.Throws<LiveRoomException>(() => editor.Set("s/inner", 1)).Message, StringComparison.Ordinal);
        Assert.Contains("below the root", Assert.Throws<LiveRoomException>(() => editor.Set("", 1)).Message, StringComparison.Ordinal);
        Assert.Contains("not an index", Assert.Throws<LiveRoomException>(() => editor.Set("l/5/x", 1)).Message, StringComparison.Ordinal);
    }
}
