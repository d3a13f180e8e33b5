using System.Text.Json;

namespace Live.Diffing;

/// <summary>
/// Writes the RFC 6902 operation objects at the pointer being built; shared by both diff engines (<see cref="PatchBuilder"/>
/// over JSON, <see cref="TypedPatchBuilder"/> over objects), so their ops are the same bytes.
/// </summary>
internal static class PatchOpWriter
{
    /// <summary>Starts an <c>add</c> or <c>replace</c> object at <paramref name="path"/>; the caller writes <c>value</c> and ends it.</summary>
    public static void BeginValueOp(Utf8JsonWriter writer, ReadOnlySpan<byte> op, ref JsonPointerBuilder path)
    {
        writer.WriteStartObject();
        writer.WriteString("op"u8, op);
        writer.WriteString("path"u8, path.Written);
    }

    /// <summary>Writes a <c>remove</c> of the value at <paramref name="path"/>.</summary>
    public static void Remove(Utf8JsonWriter writer, ref JsonPointerBuilder path)
    {
        writer.WriteStartObject();
        writer.WriteString("op"u8, "remove"u8);
        writer.WriteString("path"u8, path.Written);
        writer.WriteEndObject();
    }

    /// <summary>Writes a <c>move</c> between two indices of the array at <paramref name="path"/>, which it leaves as it found it.</summary>
    public static void Move(Utf8JsonWriter writer, ref JsonPointerBuilder path, int fromIndex, int toIndex)
    {
        var basePath = path.Length;
        writer.WriteStartObject();
        writer.WriteString("op"u8, "move"u8);
        path.AppendIndex(fromIndex);
        writer.WriteString("from"u8, path.Written);
        path.Truncate(basePath);
        path.AppendIndex(toIndex);
        writer.WriteString("path"u8, path.Written);
        path.Truncate(basePath);
        writer.WriteEndObject();
    }
}
