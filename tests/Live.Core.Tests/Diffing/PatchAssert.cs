using System.Text.Json;
using System.Text.Json.Nodes;
using Live.Diffing;

namespace Live.Core.Tests.Diffing;

/// <summary>Diffs two documents and proves the patch correct by applying it with the independent applier.</summary>
internal static class PatchAssert
{
    public static JsonArray DiffAndApply(string oldJson, string newJson, DiffOptions? options = null)
    {
        using var oldDocument = JsonDocument.Parse(oldJson);
        using var newDocument = JsonDocument.Parse(newJson);
        var patch = new PatchBuilder(options).CreatePatch(oldDocument.RootElement, newDocument.RootElement);
        var ops = JsonNode.Parse(patch)!.AsArray();

        JsonNode? result;
        try
        {
            result = JsonPatchApplier.Apply(JsonNode.Parse(oldJson), ops);
        }
        catch (JsonPatchException e)
        {
            throw new Xunit.Sdk.XunitException($"patch does not apply: {e.Message}\nold: {oldJson}\nnew: {newJson}\npatch: {ops.ToJsonString()}");
        }

        if (!JsonNode.DeepEquals(result, JsonNode.Parse(newJson)))
        {
            throw new Xunit.Sdk.XunitException(
                $"patch applied to old does not give new\nold: {oldJson}\nnew: {newJson}\npatch: {ops.ToJsonString()}\ngot: {result?.ToJsonString() ?? "null"}");
        }

        return ops;
    }

    /// <summary>Asserts the exact ops (compact JSON, members in the order the engine writes them).</summary>
    public static void Ops(string expectedJson, JsonArray actual) =>
        Assert.Equal(JsonNode.Parse(expectedJson)!.ToJsonString(), actual.ToJsonString());
}
