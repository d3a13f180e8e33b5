using System.Text.Json;
using System.Text.Json.Nodes;

namespace Live.Client.Protocol;

/// <summary>Conversions between the parsed wire elements and the mutable node trees the client keeps state in.</summary>
internal static class JsonNodes
{
    /// <summary>A node for <paramref name="element"/>; <see langword="null"/> for JSON <c>null</c>.</summary>
    /// <remarks>
    /// The node is backed by the element lazily (it materializes when first changed), so it must not depend on a
    /// document someone may dispose: <see cref="JsonElement.Clone"/> copies only when the source is disposable.
    /// </remarks>
    public static JsonNode? FromElement(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => JsonObject.Create(element.Clone()),
        JsonValueKind.Array => JsonArray.Create(element.Clone()),
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        _ => JsonValue.Create(element.Clone()),
    };
}
