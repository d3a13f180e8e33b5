using System.Text.Json.Nodes;
using Live.Client.Patching;

namespace Live.Core.Tests.Client;

/// <summary>RFC 6902 semantics, largely the cases of its Appendix A, plus RFC 6901 pointer rules and atomicity.</summary>
public sealed class JsonPatchApplierTests
{
    [Theory]
    [InlineData("A.1 add an object member", """{"foo":"bar"}""", """[{"op":"add","path":"/baz","value":"qux"}]""", """{"baz":"qux","foo":"bar"}""")]
    [InlineData("A.2 add an array element", """{"foo":["bar","baz"]}""", """[{"op":"add","path":"/foo/1","value":"qux"}]""", """{"foo":["bar","qux","baz"]}""")]
    [InlineData("A.3 remove an object member", """{"baz":"qux","foo":"bar"}""", """[{"op":"remove","path":"/baz"}]""", """{"foo":"bar"}""")]
    [InlineData("A.4 remove an array element", """{"foo":["bar","qux","baz"]}""", """[{"op":"remove","path":"/foo/1"}]""", """{"foo":["bar","baz"]}""")]
    [InlineData("A.5 replace a value", """{"baz":"qux","foo":"bar"}""", """[{"op":"replace","path":"/baz","value":"boo"}]""", """{"baz":"boo","foo":"bar"}""")]
    [InlineData("A.6 move a value", """{"foo":{"bar":"baz","waldo":"fred"},"qux":{"corge":"grault"}}""", """[{"op":"move","from":"/foo/waldo","path":"/qux/thud"}]""", """{"foo":{"bar":"baz"},"qux":{"corge":"grault","thud":"fred"}}""")]
    [InlineData("A.7 move an array element", """{"foo":["all","grass","cows","eat"]}""", """[{"op":"move","from":"/foo/1","path":"/foo/3"}]""", """{"foo":["all","cows","eat","grass"]}""")]
    [InlineData("A.8 test succeeds", """{"baz":"qux","foo":["a",2,"c"]}""", """[{"op":"test","path":"/baz","value":"qux"},{"op":"test","path":"/foo/1","value":2}]""", """{"baz":"qux","foo":["a",2,"c"]}""")]
    [InlineData("A.10 add a nested member object", """{"foo":"bar"}""", """[{"op":"add","path":"/child","value":{"grandchild":{}}}]""", """{"foo":"bar","child":{"grandchild":{}}}""")]
    [InlineData("A.11 unrecognized members are ignored", """{"foo":"bar"}""", """[{"op":"add","path":"/baz","value":"qux","xyz":123}]""", """{"foo":"bar","baz":"qux"}""")]
    [InlineData("A.14 ~ escape ordering", """{"/":9,"~1":10}""", """[{"op":"test","path":"/~01","value":10}]""", """{"/":9,"~1":10}""")]
    [InlineData("A.16 add an array value", """{"foo":["bar"]}""", """[{"op":"add","path":"/foo/-","value":["abc","def"]}]""", """{"foo":["bar",["abc","def"]]}""")]
    [InlineData("~1 addresses a member with '/'", """{"a/b":1}""", """[{"op":"replace","path":"/a~1b","value":2}]""", """{"a/b":2}""")]
    [InlineData("~0 addresses a member with '~'", """{"m~n":1}""", """[{"op":"remove","path":"/m~0n"}]""", """{}""")]
    [InlineData("the empty member name", """{"":1}""", """[{"op":"replace","path":"/","value":2}]""", """{"":2}""")]
    [InlineData("- appends to an array", """{"todos":[1]}""", """[{"op":"add","path":"/todos/-","value":2},{"op":"add","path":"/todos/-","value":3}]""", """{"todos":[1,2,3]}""")]
    [InlineData("add at the array's length appends", """[1,2]""", """[{"op":"add","path":"/2","value":3}]""", """[1,2,3]""")]
    [InlineData("add replaces an existing member", """{"a":1}""", """[{"op":"add","path":"/a","value":{"b":2}}]""", """{"a":{"b":2}}""")]
    [InlineData("add with an empty path replaces the document", """{"a":1}""", """[{"op":"add","path":"","value":[1]}]""", """[1]""")]
    [InlineData("replace with an empty path replaces the document", """{"a":1}""", """[{"op":"replace","path":"","value":{"b":2}}]""", """{"b":2}""")]
    [InlineData("replace an array item", """{"a":[1,2,3]}""", """[{"op":"replace","path":"/a/2","value":null}]""", """{"a":[1,2,null]}""")]
    [InlineData("copy a member", """{"a":{"x":1}}""", """[{"op":"copy","from":"/a","path":"/b"}]""", """{"a":{"x":1},"b":{"x":1}}""")]
    [InlineData("copy into an array", """{"a":[1,2]}""", """[{"op":"copy","from":"/a/1","path":"/a/0"}]""", """{"a":[2,1,2]}""")]
    [InlineData("move onto itself changes nothing", """{"a":1}""", """[{"op":"move","from":"/a","path":"/a"}]""", """{"a":1}""")]
    [InlineData("test compares objects regardless of member order", """{"a":{"x":1,"y":[true,null]}}""", """[{"op":"test","path":"/a","value":{"y":[true,null],"x":1}}]""", """{"a":{"x":1,"y":[true,null]}}""")]
    [InlineData("ops apply in order, each to the previous result", """{"list":[]}""", """[{"op":"add","path":"/list/-","value":{"id":1}},{"op":"replace","path":"/list/0/id","value":2},{"op":"move","from":"/list/0","path":"/item"}]""", """{"list":[],"item":{"id":2}}""")]
    public void Applies(string rfcCase, string document, string patch, string expected)
    {
        var result = JsonPatchApplier.Apply(JsonNode.Parse(document), patch);

        Assert.True(
            JsonNode.DeepEquals(JsonNode.Parse(expected), result),
            $"{rfcCase}: expected {expected}, got {result?.ToJsonString()}");
    }

    [Theory]
    [InlineData("A.9 failed test", """{"baz":"qux"}""", """[{"op":"test","path":"/baz","value":"bar"}]""", 0, "/baz")]
    [InlineData("A.12 add to a nonexistent target", """{"foo":"bar"}""", """[{"op":"add","path":"/baz/bat","value":"qux"}]""", 0, "/baz/bat")]
    [InlineData("A.15 a string is not a number", """{"/":9,"~1":10}""", """[{"op":"test","path":"/~01","value":"10"}]""", 0, "/~01")]
    [InlineData("remove a missing member", """{"a":1}""", """[{"op":"remove","path":"/b"}]""", 0, "/b")]
    [InlineData("replace a missing member", """{"a":1}""", """[{"op":"replace","path":"/b","value":1}]""", 0, "/b")]
    [InlineData("add past the array's end", """{"a":[1]}""", """[{"op":"add","path":"/a/2","value":1}]""", 0, "/a/2")]
    [InlineData("remove past the array's end", """{"a":[1]}""", """[{"op":"remove","path":"/a/1"}]""", 0, "/a/1")]
    [InlineData("replace past the array's end", """{"a":[]}""", """[{"op":"replace","path":"/a/0","value":1}]""", 0, "/a/0")]
    [InlineData("- names no existing item", """{"a":[1]}""", """[{"op":"remove","path":"/a/-"}]""", 0, "/a/-")]
    [InlineData("a leading zero is no index", """{"a":[1,2]}""", """[{"op":"replace","path":"/a/01","value":1}]""", 0, "/a/01")]
    [InlineData("a negative number is no index", """{"a":[1,2]}""", """[{"op":"remove","path":"/a/-1"}]""", 0, "/a/-1")]
    [InlineData("~ must be followed by 0 or 1", """{"a~2":1}""", """[{"op":"remove","path":"/a~2"}]""", 0, "/a~2")]
    [InlineData("a pointer starts with /", """{"a":1}""", """[{"op":"remove","path":"a"}]""", 0, "a")]
    [InlineData("a path through a scalar", """{"a":1}""", """[{"op":"add","path":"/a/b","value":1}]""", 0, "/a/b")]
    [InlineData("move into its own child", """{"a":{"b":{}}}""", """[{"op":"move","from":"/a","path":"/a/b/c"}]""", 0, "/a/b/c")]
    [InlineData("copy from a missing member", """{"a":1}""", """[{"op":"copy","from":"/x","path":"/b"}]""", 0, "/x")]
    [InlineData("the whole document cannot be removed", """{"a":1}""", """[{"op":"remove","path":""}]""", 0, "")]
    [InlineData("an unknown op", """{"a":1}""", """[{"op":"increment","path":"/a"}]""", 0, "/a")]
    [InlineData("add without value", """{"a":1}""", """[{"op":"add","path":"/b"}]""", 0, "/b")]
    [InlineData("the failing op is named by index", """{"a":1}""", """[{"op":"add","path":"/b","value":2},{"op":"remove","path":"/c"}]""", 1, "/c")]
    public void Rejects(string rfcCase, string document, string patch, int operationIndex, string path)
    {
        var error = Assert.Throws<JsonPatchException>(() => JsonPatchApplier.Apply(JsonNode.Parse(document), patch));

        Assert.True(operationIndex == error.OperationIndex, $"{rfcCase}: operation {error.OperationIndex}");
        Assert.Equal(path, error.Path);
        Assert.Contains($"operation {operationIndex}", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"op":"add","path":"/a","value":1}""")]
    [InlineData("""[1]""")]
    [InlineData("""[{"path":"/a"}]""")]
    public void Rejects_a_malformed_patch_document(string patch) =>
        Assert.Throws<JsonPatchException>(() => JsonPatchApplier.Apply(JsonNode.Parse("""{"a":0}"""), patch));

    [Fact]
    public void A_failing_patch_leaves_the_document_exactly_as_it_was()
    {
        const string original = """{"a":1,"b":[1,2,3],"c":{"d":"e"},"f":"g"}""";
        var document = JsonNode.Parse(original);

        Assert.Throws<JsonPatchException>(() => JsonPatchApplier.Apply(document, """
            [
              {"op":"remove","path":"/a"},
              {"op":"add","path":"/b/1","value":9},
              {"op":"remove","path":"/b/0"},
              {"op":"replace","path":"/c/d","value":"x"},
              {"op":"move","from":"/f","path":"/c/f"},
              {"op":"copy","from":"/c","path":"/h"},
              {"op":"replace","path":"","value":null},
              {"op":"test","path":"/nope","value":1}
            ]
            """));

        // Byte-for-byte, so member order is restored too.
        Assert.Equal(original, document!.ToJsonString());
    }

    [Fact]
    public void Copy_inserts_an_independent_clone()
    {
        var document = JsonNode.Parse("""{"a":{"x":1}}""");

        document = JsonPatchApplier.Apply(document, """[{"op":"copy","from":"/a","path":"/b"},{"op":"replace","path":"/b/x","value":2}]""");

        Assert.Equal("""{"a":{"x":1},"b":{"x":2}}""", document!.ToJsonString());
    }

    [Fact]
    public void Applies_in_place_without_replacing_the_root()
    {
        var document = JsonNode.Parse("""{"todos":[]}""");

        var result = JsonPatchApplier.Apply(document, """[{"op":"add","path":"/todos/-","value":{"id":"1","text":"milk"}}]""");

        Assert.Same(document, result);
        Assert.Equal("milk", (string?)document!["todos"]![0]!["text"]);
    }
}
