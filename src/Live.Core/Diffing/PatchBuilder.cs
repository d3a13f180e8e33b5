using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace Live.Diffing;

/// <summary>
/// The diff engine: turns the old and the new JSON of a component's state into an RFC 6902 JSON Patch that, applied
/// in order to the old document, yields exactly the new one. Pure (no I/O, no clock, no shared mutable state), so one
/// instance can serve every component on every thread.
/// </summary>
/// <remarks>
/// Both inputs must come from the same serializer with the same options: two values whose raw UTF-8 text is
/// identical are taken as equal without looking inside them, which is what keeps an unchanged 10,000-item list cheap.
/// Values with different text are diffed structurally; if their text differs but their meaning does not (e.g. members
/// in another order), the patch is still correct, merely not empty-by-shortcut.
/// <para>
/// Objects: members are matched by name (in step when the order is the same, else by scan or dictionary); gone
/// members are removed, new ones added, differing ones diffed recursively; members of another kind are replaced.
/// Lists whose items are all objects carrying a key member (<see cref="DiffOptions"/>) are diffed by key: common
/// prefix/suffix (same keys at the same ends) are diffed in place, the middle is matched by key, removed items go
/// highest index first, then the middle is built right to left — items on a longest increasing run of old positions
/// stay, every other surviving item is one <c>move</c> (always smaller than <c>remove</c>+<c>add</c>, which repeats the
/// value), inserted items are one <c>add</c> (<c>/-</c> at the end) — and finally surviving items whose content changed
/// are diffed at their final index. Repeated keys or items without the key fall back to the positional diff.
/// Any list diff whose estimated size (op overheads + paths + values; a changed item counted as a full replace) reaches
/// the size of replacing the list is emitted as one <c>replace</c> of the list instead.
/// </para>
/// </remarks>
internal sealed partial class PatchBuilder
{
    // Approximate bytes of each op around its path and value, used to decide whether a list is cheaper to replace
    // whole. {"op":"replace","path":"","value":} plus the separating comma, and so on.
    internal const int ReplaceOverhead = 32;
    internal const int AddOverhead = 28;
    internal const int RemoveOverhead = 26;
    internal const int MoveOverhead = 34;
    internal const int IndexSegmentEstimate = 6;

    /// <summary>Creates an engine with <paramref name="options"/>, or <see cref="DiffOptions.Default"/>.</summary>
    public PatchBuilder(DiffOptions? options = null) => Options = options ?? DiffOptions.Default;

    /// <summary>A shared engine with the default options.</summary>
    public static PatchBuilder Default { get; } = new();

    /// <summary>The key names and other settings this engine diffs with.</summary>
    public DiffOptions Options { get; }

    /// <summary>
    /// Writes the ops that turn <paramref name="oldState"/> into <paramref name="newState"/> as JSON objects into the
    /// array the caller has already opened on <paramref name="writer"/> (<c>WriteStartArray</c>), and returns how many
    /// it wrote. Zero means the states are equal: the caller should then discard what it wrote and send no patch.
    /// </summary>
    public int WriteOperations(JsonElement oldState, JsonElement newState, Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var session = new Session(writer);
        try
        {
            DiffValue(ref session, oldState, newState);
            return session.Count;
        }
        finally
        {
            session.Path.Dispose();
        }
    }

    /// <summary>
    /// Like <see cref="WriteOperations(JsonElement, JsonElement, Utf8JsonWriter)"/>, for two values that sit at
    /// <paramref name="basePath"/> (an escaped JSON Pointer) inside a larger document: every op's path starts with it.
    /// The typed diff uses it for subtrees it cannot walk itself.
    /// </summary>
    internal int WriteOperationsAt(ReadOnlySpan<byte> basePath, JsonElement oldValue, JsonElement newValue, Utf8JsonWriter writer)
    {
        var session = new Session(writer);
        try
        {
            session.Path.AppendRaw(basePath);
            DiffValue(ref session, oldValue, newValue);
            return session.Count;
        }
        finally
        {
            session.Path.Dispose();
        }
    }

    /// <summary>
    /// Writes the whole patch document (<c>[ op, … ]</c>) as the next value on <paramref name="writer"/>, e.g. right
    /// after <c>writer.WritePropertyName("ops"u8)</c>, and returns the number of ops.
    /// </summary>
    public int WritePatch(JsonElement oldState, JsonElement newState, Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartArray();
        var count = WriteOperations(oldState, newState, writer);
        writer.WriteEndArray();
        return count;
    }

    /// <summary>Convenience for tests and tools: the patch document as UTF-8 bytes.</summary>
    public byte[] CreatePatch(JsonElement oldState, JsonElement newState)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WritePatch(oldState, newState, writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Convenience for tests and tools: the patch document as a string.</summary>
    public string CreatePatchString(JsonElement oldState, JsonElement newState) =>
        Encoding.UTF8.GetString(CreatePatch(oldState, newState));

    /// <summary>Equal raw UTF-8 text: the engine's whole notion of "unchanged" (same serializer on both sides).</summary>
    internal static bool RawEquals(JsonElement left, JsonElement right) =>
        JsonMarshal.GetRawUtf8Value(left).SequenceEqual(JsonMarshal.GetRawUtf8Value(right));

    private static int RawLength(JsonElement element) => JsonMarshal.GetRawUtf8Value(element).Length;

    private void DiffValue(ref Session session, JsonElement oldValue, JsonElement newValue)
    {
        if (!RawEquals(oldValue, newValue))
        {
            DiffDifferentValues(ref session, oldValue, newValue);
        }
    }

    /// <summary>Diffs two values already known to differ in their raw text.</summary>
    private void DiffDifferentValues(ref Session session, JsonElement oldValue, JsonElement newValue)
    {
        var kind = oldValue.ValueKind;
        if (kind != newValue.ValueKind)
        {
            // Includes true ↔ false (two kinds) and the root changing kind, where the path is "" (whole document).
            WriteReplace(ref session, newValue);
            return;
        }

        switch (kind)
        {
            case JsonValueKind.Object:
                DiffObjects(ref session, oldValue, newValue);
                break;
            case JsonValueKind.Array:
                DiffArrays(ref session, oldValue, newValue);
                break;
            default:
                WriteReplace(ref session, newValue);
                break;
        }
    }

    private void DiffObjects(ref Session session, JsonElement oldObject, JsonElement newObject)
    {
        var newCount = newObject.GetPropertyCount();
        var newMembers = ArrayPool<JsonProperty>.Shared.Rent(newCount);
        var matched = ArrayPool<bool>.Shared.Rent(newCount);
        Dictionary<string, int>? index = null;
        try
        {
            var n = 0;
            foreach (var member in newObject.EnumerateObject())
            {
                matched[n] = false;
                newMembers[n++] = member;
            }

            // The serializer writes members in declaration order, so the member at the cursor is almost always the
            // one we look for; a scan (small objects) or a dictionary (large dictionaries-as-objects) handles the rest.
            var cursor = 0;
            var basePath = session.Path.Length;
            foreach (var oldMember in oldObject.EnumerateObject())
            {
                var name = JsonMarshal.GetRawUtf8PropertyName(oldMember);
                var j = cursor < newCount && JsonMarshal.GetRawUtf8PropertyName(newMembers[cursor]).SequenceEqual(name)
                    ? cursor
                    : FindMember(newMembers.AsSpan(0, newCount), name, ref index);

                session.Path.AppendMemberName(oldMember);
                if (j < 0)
                {
                    WriteRemove(ref session);
                }
                else
                {
                    matched[j] = true;
                    cursor = j + 1;
                    DiffValue(ref session, oldMember.Value, newMembers[j].Value);
                }

                session.Path.Truncate(basePath);
            }

            for (var j = 0; j < newCount; j++)
            {
                if (!matched[j])
                {
                    session.Path.AppendMemberName(newMembers[j]);
                    WriteAdd(ref session, newMembers[j].Value);
                    session.Path.Truncate(basePath);
                }
            }
        }
        finally
        {
            ArrayPool<JsonProperty>.Shared.Return(newMembers, clearArray: true);
            ArrayPool<bool>.Shared.Return(matched);
        }
    }

    private static int FindMember(ReadOnlySpan<JsonProperty> members, ReadOnlySpan<byte> rawName, ref Dictionary<string, int>? index)
    {
        const int LinearScanLimit = 16;
        if (members.Length <= LinearScanLimit)
        {
            for (var j = 0; j < members.Length; j++)
            {
                if (JsonMarshal.GetRawUtf8PropertyName(members[j]).SequenceEqual(rawName))
                {
                    return j;
                }
            }

            return -1;
        }

        if (index is null)
        {
            index = new Dictionary<string, int>(members.Length, StringComparer.Ordinal);
            for (var j = 0; j < members.Length; j++)
            {
                index.TryAdd(Encoding.UTF8.GetString(JsonMarshal.GetRawUtf8PropertyName(members[j])), j);
            }
        }

        return index.TryGetValue(Encoding.UTF8.GetString(rawName), out var found) ? found : -1;
    }

    private static void WriteReplace(ref Session session, JsonElement value)
    {
        PatchOpWriter.BeginValueOp(session.Writer, "replace"u8, ref session.Path);
        WriteValue(session.Writer, value);
        session.Writer.WriteEndObject();
        session.Count++;
    }

    private static void WriteAdd(ref Session session, JsonElement value)
    {
        PatchOpWriter.BeginValueOp(session.Writer, "add"u8, ref session.Path);
        WriteValue(session.Writer, value);
        session.Writer.WriteEndObject();
        session.Count++;
    }

    private static void WriteRemove(ref Session session)
    {
        PatchOpWriter.Remove(session.Writer, ref session.Path);
        session.Count++;
    }

    private static void WriteMove(ref Session session, int fromIndex, int toIndex)
    {
        PatchOpWriter.Move(session.Writer, ref session.Path, fromIndex, toIndex);
        session.Count++;
    }

    private static void WriteValue(Utf8JsonWriter writer, JsonElement value)
    {
        writer.WritePropertyName("value"u8);
        // The element's raw text is the serializer's own valid output; copying it skips re-serializing the value.
        writer.WriteRawValue(JsonMarshal.GetRawUtf8Value(value), skipInputValidation: true);
    }

    /// <summary>Per-call state, passed by ref so the engine itself stays immutable and thread-safe.</summary>
    private struct Session(Utf8JsonWriter writer)
    {
        public readonly Utf8JsonWriter Writer = writer;
        public JsonPointerBuilder Path = new(128);
        public int Count;
    }
}
