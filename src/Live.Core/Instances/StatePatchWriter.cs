using System.Text.Json;

namespace Live.Instances;

/// <summary>
/// Writes the RFC 6902 operations that turn one state JSON into the next. Delegates to the diff engine in
/// <c>Live.Diffing</c>; kept as the single call site so the instance code does not depend on its details.
/// </summary>
internal static class StatePatchWriter
{
    /// <summary>Writes the ops array; returns how many operations it holds.</summary>
    public static int WriteOps(JsonElement before, JsonElement after, Utf8JsonWriter writer)
    {
        // Placeholder until the keyed diff engine lands: replace the whole document when anything differs.
        writer.WriteStartArray();
        var count = 0;
        if (!System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(before).SequenceEqual(System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(after)))
        {
            writer.WriteStartObject();
            writer.WriteString("op"u8, "replace"u8);
            writer.WriteString("path"u8, ""u8);
            writer.WritePropertyName("value"u8);
            after.WriteTo(writer);
            writer.WriteEndObject();
            count = 1;
        }

        writer.WriteEndArray();
        return count;
    }
}
