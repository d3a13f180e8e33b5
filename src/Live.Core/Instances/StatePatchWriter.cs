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
    public static int WriteOps(PatchBuilder builder, JsonElement before, JsonElement after, Utf8JsonWriter writer) =>
        builder.WritePatch(before, after, writer);

    /// <summary>
    /// The diff engine for one component: items keyed by <c>id</c>, plus the JSON names of its <c>[LiveKey]</c>
    /// members under the app's naming policy.
    /// </summary>
    public static PatchBuilder ForComponent(IReadOnlyList<string> keyMemberNames, JsonSerializerOptions options)
    {
        if (keyMemberNames.Count == 0)
        {
            return PatchBuilder.Default;
        }

        var policy = options.PropertyNamingPolicy;
        var jsonNames = keyMemberNames.Select(n => policy?.ConvertName(n) ?? n).Distinct(StringComparer.Ordinal);
        return new PatchBuilder(DiffOptions.Default.WithKeyMemberNames(jsonNames));
    }
}
