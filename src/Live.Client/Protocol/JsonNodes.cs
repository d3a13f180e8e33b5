using System.Text.Json;
using System.Text.Json.Nodes;

namespace Live.Client.Protocol;

/// <summary>Conversions between the parsed wire elements and the mutable node trees the client keeps state in.</summary>
internal static class JsonNodes
{
    /// <summary>A node for <paramref name="element"/>; <see langword="null"/> for JSON <c>null</c>.</summary>
    public static JsonNode? FromElement(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => JsonObject.Create(element),
        JsonValueKind.Array => JsonArray.Create(element),
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        _ => JsonValue.Create(element),
    };
}
