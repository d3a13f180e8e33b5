using System.Text.Json;
using Live.Diffing;

namespace Live.Instances;

/// <summary>
/// Writes the RFC 6902 operations that turn one state JSON into the next, as a JSON array. The single call site of
/// the diff engine in <c>Live.Diffing</c>, so instance code does not depend on its details.
/// </summary>
internal static class StatePatchWriter
{
    /// <summary>Writes the ops array; returns how many operations it holds.</summary>
    public static int WriteOps(JsonElement before, JsonElement after, Utf8JsonWriter writer) =>
        PatchBuilder.Default.WritePatch(before, after, writer);
}
