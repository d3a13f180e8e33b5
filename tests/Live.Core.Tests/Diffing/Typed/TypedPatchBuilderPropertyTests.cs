using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using CsCheck;
using Live.Diffing;
using Live.Registration;

namespace Live.Core.Tests.Diffing.Typed;

/// <summary>
/// The typed diff against the JSON path, on random immutable states and random edits: applied to the old JSON its ops
/// give exactly the new JSON, and they are the very ops <see cref="PatchBuilder"/> writes from the two JSON documents.
/// CI runs a bounded number of cases; LIVE_DIFF_PROPERTY_CASES raises it, as for <see cref="PatchBuilderPropertyTests"/>.
/// </summary>
public sealed class TypedPatchBuilderPropertyTests
{
    private const int DefaultCases = 1_500;

    private static readonly JsonSerializerOptions Options = CreateOptions();
    private static readonly JsonTypeInfo StateInfo = Options.GetTypeInfo(typeof(TypedState));
    private static readonly PatchBuilder JsonEngine = new(DiffOptions.Default.WithKeyMemberNames(["sku"]));
    private static readonly TypedPatchBuilder TypedEngine = new(JsonEngine);

    private static readonly Gen<TypedCase> Cases =
        Gen.Select(Gen.Int[0, int.MaxValue], Gen.Int[0, 12], Gen.Int[1, 6], (seed, size, edits) =>
        {
            var states = new RandomTypedStates(seed);
            var old = states.State(size);
            return new TypedCase(old, states.Edit(old, edits, size));
        });

    private static long CaseCount =>
        long.TryParse(Environment.GetEnvironmentVariable("LIVE_DIFF_PROPERTY_CASES"), out var cases) && cases > 0 ? cases : DefaultCases;

    [Fact]
    public void Typed_ops_applied_to_the_old_json_give_exactly_the_new_json()
    {
        Cases.Sample(c =>
        {
            var oldJson = Json(c.Old);
            var newJson = Json(c.New);
            var ops = JsonNode.Parse(TypedEngine.CreatePatch(c.Old, c.New, StateInfo))!.AsArray();
            var applied = JsonPatchApplier.Apply(JsonNode.Parse(oldJson), ops);
            Assert.True(JsonNode.DeepEquals(applied, JsonNode.Parse(newJson)), $"old: {oldJson}\nnew: {newJson}\nops: {ops.ToJsonString()}\ngot: {applied?.ToJsonString()}");
        }, iter: CaseCount);
    }

    [Fact]
    public void Typed_ops_equal_the_ops_of_the_json_path()
    {
        Cases.Sample(c =>
        {
            var oldJson = Json(c.Old);
            var newJson = Json(c.New);
            using var oldDocument = JsonDocument.Parse(oldJson);
            using var newDocument = JsonDocument.Parse(newJson);
            var expected = JsonEngine.CreatePatchString(oldDocument.RootElement, newDocument.RootElement);
            var actual = System.Text.Encoding.UTF8.GetString(TypedEngine.CreatePatch(c.Old, c.New, StateInfo));
            Assert.True(expected == actual, $"old: {oldJson}\nnew: {newJson}\njson path: {expected}\ntyped:     {actual}");
        }, iter: CaseCount);
    }

    [Fact]
    public void Generated_cases_exercise_every_kind_of_op()
    {
        var seen = new HashSet<string>();
        Cases.Sample(c =>
        {
            foreach (var op in JsonNode.Parse(TypedEngine.CreatePatch(c.Old, c.New, StateInfo))!.AsArray())
            {
                lock (seen)
                {
                    seen.Add((string)op!["op"]!);
                }
            }
        }, iter: 300);
        Assert.Equal(["add", "move", "remove", "replace"], seen.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Toggling_one_item_of_a_10000_item_list_serializes_only_that_change()
    {
        var todos = Enumerable.Range(0, 10_000).Select(i => new TypedTodo(i, "item " + i, false, [])).ToList();
        var old = new TypedState { Todos = [.. todos] };
        var next = old with { Todos = old.Todos.SetItem(1234, old.Todos[1234] with { Done = true }) };

        var patch = System.Text.Encoding.UTF8.GetString(TypedEngine.CreatePatch(old, next, StateInfo));

        Assert.Equal("""[{"op":"replace","path":"/todos/1234/done","value":true}]""", patch);
    }

    [Fact]
    public void The_same_state_object_gives_an_empty_patch_and_an_equal_new_one_too()
    {
        var state = new RandomTypedStates(7).State(8);

        Assert.Equal("[]", System.Text.Encoding.UTF8.GetString(TypedEngine.CreatePatch(state, state, StateInfo)));
        Assert.Equal("[]", System.Text.Encoding.UTF8.GetString(TypedEngine.CreatePatch(state, state with { Todos = [.. state.Todos] }, StateInfo)));
    }

    [Fact]
    public void A_member_ignored_by_the_serializer_produces_no_op()
    {
        var state = new TypedState();

        Assert.Equal("[]", System.Text.Encoding.UTF8.GetString(TypedEngine.CreatePatch(state, state with { Hidden = "changed" }, StateInfo)));
    }

    private static string Json(TypedState state) => JsonSerializer.Serialize(state, StateInfo);

    private static JsonSerializerOptions CreateOptions()
    {
        var descriptor = ComponentCatalog.Snapshot().Single(d => d.Name == "TypedDiffComponent");
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            TypeInfoResolver = JsonTypeInfoResolver.Combine(descriptor.TypeInfoResolver!, Live.Serialization.PrimitiveJsonContext.Default),
        };
        options.MakeReadOnly();
        return options;
    }

    internal sealed record TypedCase(TypedState Old, TypedState New)
    {
        public override string ToString() => $"old: {JsonSerializer.Serialize(Old, StateInfo)}\nnew: {JsonSerializer.Serialize(New, StateInfo)}";
    }
}
