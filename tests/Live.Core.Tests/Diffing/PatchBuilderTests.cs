using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Live.Diffing;
using static Live.Core.Tests.Diffing.PatchAssert;

namespace Live.Core.Tests.Diffing;

public sealed class PatchBuilderTests
{
    private const string Three = """{"todos":[{"id":"a","text":"milk","done":false},{"id":"b","text":"eggs","done":false},{"id":"c","text":"tea","done":true}]}""";

    [Fact]
    public void Equal_states_produce_no_ops()
    {
        Ops("[]", DiffAndApply(Three, Three));
    }

    [Fact]
    public void Equal_states_with_members_in_another_order_produce_no_ops()
    {
        Ops("[]", DiffAndApply("""{"a":1,"b":{"c":2,"d":3}}""", """{"b":{"d":3,"c":2},"a":1}"""));
    }

    [Fact]
    public void Added_member_produces_add()
    {
        Ops("""[{"op":"add","path":"/b","value":[1]}]""", DiffAndApply("""{"a":1}""", """{"a":1,"b":[1]}"""));
    }

    [Fact]
    public void Removed_member_produces_remove()
    {
        Ops("""[{"op":"remove","path":"/a"}]""", DiffAndApply("""{"a":1,"b":2}""", """{"b":2}"""));
    }

    [Fact]
    public void Changed_scalar_member_produces_replace()
    {
        Ops("""[{"op":"replace","path":"/filter","value":"done"}]""", DiffAndApply("""{"filter":"all","n":1}""", """{"filter":"done","n":1}"""));
    }

    [Fact]
    public void Nested_change_is_addressed_at_its_own_path()
    {
        Ops(
            """[{"op":"replace","path":"/user/address/city","value":"Oslo"},{"op":"add","path":"/user/address/zip","value":"0150"}]""",
            DiffAndApply("""{"user":{"name":"x","address":{"city":"Bergen"}}}""", """{"user":{"name":"x","address":{"city":"Oslo","zip":"0150"}}}"""));
    }

    [Fact]
    public void Many_members_in_another_order_are_matched_by_name()
    {
        var oldMembers = Enumerable.Range(0, 40).Select(i => $"\"m{i}\":{i}");
        var newMembers = Enumerable.Range(0, 40).Reverse().Select(i => $"\"m{i}\":{(i == 7 ? 70 : i)}").Append("\"extra\":true");
        var ops = DiffAndApply("{" + string.Join(',', oldMembers) + "}", "{" + string.Join(',', newMembers) + "}");
        Ops("""[{"op":"replace","path":"/m7","value":70},{"op":"add","path":"/extra","value":true}]""", ops);
    }

    [Fact]
    public void Changing_one_keyed_item_patches_only_its_member()
    {
        var updated = Three.Replace("""{"id":"b","text":"eggs","done":false}""", """{"id":"b","text":"eggs","done":true}""", StringComparison.Ordinal);
        Ops("""[{"op":"replace","path":"/todos/1/done","value":true}]""", DiffAndApply(Three, updated));
    }

    [Theory]
    [InlineData("x a b c", """[{"op":"add","path":"/todos/0","value":$x}]""")]
    [InlineData("a x b c", """[{"op":"add","path":"/todos/1","value":$x}]""")]
    [InlineData("a b c x", """[{"op":"add","path":"/todos/-","value":$x}]""")]
    [InlineData("b c", """[{"op":"remove","path":"/todos/0"}]""")]
    [InlineData("a c", """[{"op":"remove","path":"/todos/1"}]""")]
    [InlineData("a b", """[{"op":"remove","path":"/todos/2"}]""")]
    [InlineData("c a b", """[{"op":"move","from":"/todos/2","path":"/todos/0"}]""")]
    [InlineData("b c a", """[{"op":"move","from":"/todos/0","path":"/todos/2"}]""")]
    [InlineData("a c b", """[{"op":"move","from":"/todos/2","path":"/todos/1"}]""")]
    [InlineData("c b a", """[{"op":"move","from":"/todos/1","path":"/todos/0"},{"op":"move","from":"/todos/2","path":"/todos/0"}]""")]
    [InlineData("b x a", """[{"op":"remove","path":"/todos/2"},{"op":"add","path":"/todos/0","value":$x},{"op":"move","from":"/todos/2","path":"/todos/0"}]""")]
    public void Keyed_list_edits_produce_ops_for_the_edited_items_only(string newIds, string expectedOps)
    {
        Ops(expectedOps.Replace("$x", Todo("x"), StringComparison.Ordinal), DiffAndApply(Todos("a b c"), Todos(newIds)));
    }

    [Fact]
    public void Moved_and_changed_keyed_item_is_moved_then_patched_at_its_new_index()
    {
        Ops(
            """[{"op":"move","from":"/2","path":"/0"},{"op":"replace","path":"/0/v","value":9}]""",
            DiffAndApply(
                """[{"id":1,"v":1,"text":"first item text"},{"id":2,"v":2,"text":"second item text"},{"id":3,"v":3,"text":"third item text"}]""",
                """[{"id":3,"v":9,"text":"third item text"},{"id":1,"v":1,"text":"first item text"},{"id":2,"v":2,"text":"second item text"}]"""));
    }

    [Fact]
    public void Keyed_list_with_removals_inserts_moves_and_changes_at_once_applies_exactly()
    {
        DiffAndApply(
            """[{"id":1},{"id":2,"v":0},{"id":3},{"id":4},{"id":5},{"id":6},{"id":7},{"id":8},{"id":9,"v":[1]},{"id":10}]""",
            """[{"id":1},{"id":11},{"id":9,"v":[1,2]},{"id":3},{"id":2,"v":1},{"id":12},{"id":6},{"id":5},{"id":8},{"id":10}]""");
    }

    [Fact]
    public void String_and_number_keys_with_the_same_text_are_different_keys()
    {
        const string Rest = """{"id":2,"v":"another text"},{"id":3,"v":"third text"},{"id":4,"v":"fourth text"}""";
        var ops = DiffAndApply($$"""[{"id":1,"v":"a"},{{Rest}}]""", $$"""[{"id":"1","v":"a"},{{Rest}}]""");
        Ops("""[{"op":"remove","path":"/0"},{"op":"add","path":"/0","value":{"id":"1","v":"a"}}]""", ops);
    }

    [Fact]
    public void Duplicate_keys_fall_back_to_positional_diff()
    {
        var ops = DiffAndApply("""[{"id":1,"v":"a"},{"id":1,"v":"b"},{"id":2}]""", """[{"id":1,"v":"b"},{"id":1,"v":"a"},{"id":2}]""");
        Assert.DoesNotContain(ops, op => (string?)op!["op"] == "move");
    }

    [Fact]
    public void Items_without_the_key_fall_back_to_positional_diff()
    {
        var ops = DiffAndApply("""[{"id":1,"v":"a"},{"name":"x"}]""", """[{"id":1,"v":"b"},{"name":"y"},3]""");
        Assert.DoesNotContain(ops, op => (string?)op!["op"] == "move");
    }

    [Fact]
    public void Configured_key_member_is_used_before_id()
    {
        var options = DiffOptions.Default.WithKeyMemberNames(["sku"]);
        var ops = DiffAndApply(
            """[{"sku":"p1","id":0,"n":1},{"sku":"p2","id":0,"n":2}]""",
            """[{"sku":"p0","id":0,"n":0},{"sku":"p1","id":0,"n":1},{"sku":"p2","id":0,"n":2}]""",
            options);
        Ops("""[{"op":"add","path":"/0","value":{"sku":"p0","id":0,"n":0}}]""", ops);
        Assert.Equal(["sku", "id"], options.KeyMemberNames);
    }

    [Fact]
    public void Positional_list_growth_appends()
    {
        Ops(
            """[{"op":"add","path":"/n/-","value":"delta-delta"},{"op":"add","path":"/n/-","value":"echo-echo"}]""",
            DiffAndApply("""{"n":["alpha-alpha","bravo-bravo","charlie-charlie"]}""", """{"n":["alpha-alpha","bravo-bravo","charlie-charlie","delta-delta","echo-echo"]}"""));
    }

    [Fact]
    public void Positional_list_shrink_removes_from_the_highest_index_down()
    {
        Ops(
            """[{"op":"remove","path":"/n/3"},{"op":"remove","path":"/n/2"}]""",
            DiffAndApply(
                """{"n":["alpha-alpha","bravo-bravo","charlie-charlie","delta-delta","echo-echo","foxtrot-foxtrot"]}""",
                """{"n":["alpha-alpha","bravo-bravo","echo-echo","foxtrot-foxtrot"]}"""));
    }

    [Fact]
    public void Positional_insert_in_the_middle_is_one_add()
    {
        Ops("""[{"op":"add","path":"/2","value":9}]""", DiffAndApply("[1,2,3,4,5,6,7,8]", "[1,2,9,3,4,5,6,7,8]"));
    }

    [Fact]
    public void Positional_list_whose_items_all_change_is_replaced_whole()
    {
        Ops("""[{"op":"replace","path":"/n","value":[4,5,6]}]""", DiffAndApply("""{"n":[1,2,3]}""", """{"n":[4,5,6]}"""));
    }

    [Theory]
    [InlineData("""{"a":1}""", """{"a":"1"}""", """[{"op":"replace","path":"/a","value":"1"}]""")]
    [InlineData("""{"a":{"b":1}}""", """{"a":[1]}""", """[{"op":"replace","path":"/a","value":[1]}]""")]
    [InlineData("""{"a":true}""", """{"a":false}""", """[{"op":"replace","path":"/a","value":false}]""")]
    [InlineData("""{"a":null}""", """{"a":{}}""", """[{"op":"replace","path":"/a","value":{}}]""")]
    public void Type_changes_are_replaced(string oldJson, string newJson, string expectedOps)
    {
        Ops(expectedOps, DiffAndApply(oldJson, newJson));
    }

    [Theory]
    [InlineData("1", """{"a":1}""")]
    [InlineData("""{"a":1}""", "[1]")]
    [InlineData("\"x\"", "\"y\"")]
    public void Root_of_another_kind_or_value_is_replaced_whole(string oldJson, string newJson)
    {
        Ops($$"""[{"op":"replace","path":"","value":{{newJson}}}]""", DiffAndApply(oldJson, newJson));
    }

    [Fact]
    public void Member_names_are_escaped_as_json_pointers()
    {
        var ops = DiffAndApply("""{"a/b":1,"c~d":{"~/":1},"x":1}""", """{"a/b":2,"c~d":{"~/":2},"x":1,"~1":0}""");
        Ops(
            """[{"op":"replace","path":"/a~1b","value":2},{"op":"replace","path":"/c~0d/~0~1","value":2},{"op":"add","path":"/~01","value":0}]""",
            ops);
    }

    [Fact]
    public void Member_names_with_json_escapes_are_decoded_before_pointer_escaping()
    {
        var ops = DiffAndApply("""{"q\"/\u00e9":1}""", """{"q\"/\u00e9":2}""");
        Assert.Equal("/q\"~1\u00e9", (string?)ops[0]!["path"]);
    }

    [Fact]
    public void Toggling_one_item_of_ten_thousand_is_one_small_op()
    {
        var (oldJson, ids) = TodoList(10_000);
        var newJson = oldJson.Replace($$"""{"id":"{{ids[1234]}}","text":"milk","done":false}""", $$"""{"id":"{{ids[1234]}}","text":"milk","done":true}""", StringComparison.Ordinal);

        var ops = DiffAndApply(oldJson, newJson);

        Ops("""[{"op":"replace","path":"/todos/1234/done","value":true}]""", ops);
        Assert.True(Encoding.UTF8.GetByteCount(ops[0]!.ToJsonString()) < 100);
    }

    [Fact]
    public void Inserting_and_removing_one_item_of_ten_thousand_is_one_op_each()
    {
        var (oldJson, ids) = TodoList(10_000);
        var inserted = $$"""{"id":"{{Guid.NewGuid()}}","text":"new","done":false}""";
        var newJson = oldJson
            .Replace($$"""{"id":"{{ids[5000]}}","text":"milk","done":false},""", "", StringComparison.Ordinal)
            .Replace($$"""{"id":"{{ids[100]}}",""", inserted + $$""",{"id":"{{ids[100]}}",""", StringComparison.Ordinal);

        var ops = DiffAndApply(oldJson, newJson);

        Ops($$"""[{"op":"remove","path":"/todos/5000"},{"op":"add","path":"/todos/100","value":{{inserted}}}]""", ops);
    }

    [Fact]
    public void Reversing_a_long_keyed_list_still_yields_the_new_list()
    {
        var items = Enumerable.Range(0, 300).Select(i => $$"""{"id":{{i}},"text":"item number {{i}} with some text"}""").ToArray();
        DiffAndApply("[" + string.Join(',', items) + "]", "[" + string.Join(',', items.Reverse()) + "]");
    }

    [Fact]
    public void Operations_are_written_into_the_callers_open_array()
    {
        using var oldDocument = JsonDocument.Parse("""{"a":1,"b":2}""");
        using var newDocument = JsonDocument.Parse("""{"a":2}""");
        var buffer = new ArrayBufferWriter<byte>();
        int count;
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("type"u8, "patch"u8);
            writer.WriteStartArray("ops"u8);
            count = PatchBuilder.Default.WriteOperations(oldDocument.RootElement, newDocument.RootElement, writer);
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        Assert.Equal(2, count);
        Assert.Equal(
            """{"type":"patch","ops":[{"op":"replace","path":"/a","value":2},{"op":"remove","path":"/b"}]}""",
            Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    [Fact]
    public void No_change_returns_zero_and_writes_nothing()
    {
        using var document = JsonDocument.Parse(Three);
        var buffer = new ArrayBufferWriter<byte>();
        using var writer = new Utf8JsonWriter(buffer);
        writer.WriteStartArray();
        writer.Flush();
        var before = buffer.WrittenCount;

        Assert.Equal(0, PatchBuilder.Default.WriteOperations(document.RootElement, document.RootElement.Clone(), writer));
        writer.Flush();
        Assert.Equal(before, buffer.WrittenCount);
    }

    [Fact]
    public void Small_list_whose_ops_would_outweigh_it_is_replaced_whole()
    {
        Ops("""[{"op":"replace","path":"/n","value":[1,2,3,4,5]}]""", DiffAndApply("""{"n":[1,2,3]}""", """{"n":[1,2,3,4,5]}"""));
    }

    private static string Todo(string id) => $$"""{"id":"{{id}}","text":"todo {{id}} with some text","done":false}""";

    private static string Todos(string ids) => """{"todos":[""" + string.Join(',', ids.Split(' ').Select(Todo)) + "]}";

    private static (string Json, string[] Ids) TodoList(int count)
    {
        var ids = new string[count];
        var builder = new StringBuilder("""{"filter":"all","todos":[""");
        for (var i = 0; i < count; i++)
        {
            ids[i] = new Guid(i + 1, 0, 0, new byte[8]).ToString();
            builder.Append(i == 0 ? "" : ",").Append($$"""{"id":"{{ids[i]}}","text":"milk","done":false}""");
        }

        return (builder.Append("]}").ToString(), ids);
    }
}
