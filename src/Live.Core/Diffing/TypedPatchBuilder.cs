using System.Buffers;
using System.Collections;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Live.Diffing;

/// <summary>
/// The typed diff: turns the old and the new state <em>objects</em> of a component into the same RFC 6902 ops
/// <see cref="PatchBuilder"/> computes from their JSON, without serializing the whole state. Subtrees that are the same
/// object on both sides are skipped without looking inside (immutable records and immutable collections keep
/// unchanged items by reference), and only changed values are serialized, with the generated metadata.
/// </summary>
/// <remarks>
/// Sound only for immutable state graphs (the generator says which states are, <c>ComponentDescriptor.ImmutableState</c>):
/// reference equality must imply that the JSON is unchanged. Values are walked through their <see cref="JsonTypeInfo"/>
/// (member getters, element types); a shape it does not walk (<see cref="TypedKind.Opaque"/>) is serialized on both
/// sides and handed to <see cref="PatchBuilder"/> at its path, so the ops equal the JSON engine's in every case.
/// "Equal" means "serializes to the same text", as in <see cref="PatchBuilder"/>. Pure and thread-safe.
/// </remarks>
internal sealed partial class TypedPatchBuilder(PatchBuilder json)
{
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? scratch;

    /// <summary>The JSON engine: its key names, and the fallback for shapes this one does not walk.</summary>
    public PatchBuilder Json { get; } = json;

    /// <summary>
    /// Writes the ops turning <paramref name="oldState"/> into <paramref name="newState"/> (both of the contract
    /// <paramref name="stateInfo"/>) as the next value on <paramref name="writer"/>, a JSON array, and returns how many.
    /// </summary>
    public int WritePatch(object? oldState, object? newState, JsonTypeInfo stateInfo, Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(stateInfo);
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartArray();
        var session = new Session(writer, stateInfo.Options);
        try
        {
            DiffValue(ref session, oldState, newState, TypedShape.Of(stateInfo));
            writer.WriteEndArray();
            return session.Count;
        }
        finally
        {
            session.Path.Dispose();
        }
    }

    /// <summary>Convenience for tests and tools: the patch document as UTF-8 bytes.</summary>
    public byte[] CreatePatch(object? oldState, object? newState, JsonTypeInfo stateInfo)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = stateInfo.Options.Encoder, SkipValidation = true }))
        {
            WritePatch(oldState, newState, stateInfo, writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private void DiffValue(ref Session session, object? oldValue, object? newValue, TypedShape shape)
    {
        if (ReferenceEquals(oldValue, newValue))
        {
            return;
        }

        if (oldValue is null || newValue is null)
        {
            // null against anything else is two different JSON kinds: PatchBuilder replaces.
            WriteReplace(ref session, newValue, shape);
            return;
        }

        switch (Walkable(shape, oldValue, newValue))
        {
            case TypedKind.Object:
                DiffObject(ref session, oldValue, newValue, shape);
                break;
            case TypedKind.List:
                DiffList(ref session, oldValue, newValue, shape);
                break;
            case TypedKind.Dictionary:
                DiffDictionary(ref session, (IDictionary)oldValue, (IDictionary)newValue, shape);
                break;
            case TypedKind.Leaf:
                if (!LeafEquals(ref session, oldValue, newValue, shape))
                {
                    WriteReplace(ref session, newValue, shape);
                }

                break;
            default:
                DiffAsJson(ref session, oldValue, newValue, shape);
                break;
        }
    }

    /// <summary>The kind to walk two non-null values as: opaque when either is of another runtime type.</summary>
    private static TypedKind Walkable(TypedShape shape, object oldValue, object newValue) =>
        shape.Kind is TypedKind.Object or TypedKind.List or TypedKind.Dictionary && !(shape.Fits(oldValue) && shape.Fits(newValue))
            ? TypedKind.Opaque
            : shape.Kind;

    private void DiffObject(ref Session session, object oldValue, object newValue, TypedShape shape)
    {
        var basePath = session.Path.Length;
        foreach (var member in shape.Properties)
        {
            var before = member.Get(oldValue);
            var after = member.Get(newValue);
            if (ReferenceEquals(before, after))
            {
                continue;
            }

            session.Path.AppendEscaped(member.Utf8Name);
            DiffValue(ref session, before, after, member.Shape);
            session.Path.Truncate(basePath);
        }
    }

    private void DiffDictionary(ref Session session, IDictionary oldValue, IDictionary newValue, TypedShape shape)
    {
        // PatchBuilder's order: old members in old order (removed or diffed), then new members in new order.
        var element = shape.Element;
        var basePath = session.Path.Length;
        foreach (DictionaryEntry entry in oldValue)
        {
            var key = (string)entry.Key;
            AppendKey(ref session, key);
            if (newValue.Contains(key))
            {
                DiffValue(ref session, entry.Value, newValue[key], element);
            }
            else
            {
                WriteRemove(ref session);
            }

            session.Path.Truncate(basePath);
        }

        foreach (DictionaryEntry entry in newValue)
        {
            var key = (string)entry.Key;
            if (!oldValue.Contains(key))
            {
                AppendKey(ref session, key);
                WriteAdd(ref session, entry.Value, element);
                session.Path.Truncate(basePath);
            }
        }
    }

    private static void AppendKey(ref Session session, string key)
    {
        var bytes = ArrayPool<byte>.Shared.Rent(System.Text.Encoding.UTF8.GetMaxByteCount(key.Length));
        var count = System.Text.Encoding.UTF8.GetBytes(key, bytes);
        session.Path.AppendEscaped(bytes.AsSpan(0, count));
        ArrayPool<byte>.Shared.Return(bytes);
    }

    /// <summary>Serializes both sides of a shape this engine does not walk and lets the JSON engine diff them.</summary>
    private void DiffAsJson(ref Session session, object? oldValue, object? newValue, TypedShape shape)
    {
        using var oldDocument = JsonDocument.Parse(Serialize(ref session, oldValue, shape));
        using var newDocument = JsonDocument.Parse(Serialize(ref session, newValue, shape));
        session.Count += Json.WriteOperationsAt(session.Path.Written, oldDocument.RootElement, newDocument.RootElement, session.Writer);
    }

    /// <summary>Whether two values serialize to the same JSON text (PatchBuilder's notion of equal).</summary>
    private static bool ValuesEqual(ref Session session, object? oldValue, object? newValue, TypedShape shape)
    {
        if (ReferenceEquals(oldValue, newValue))
        {
            return true;
        }

        if (oldValue is null || newValue is null)
        {
            return false;
        }

        switch (Walkable(shape, oldValue, newValue))
        {
            case TypedKind.Leaf:
                return LeafEquals(ref session, oldValue, newValue, shape);
            case TypedKind.Object:
                foreach (var member in shape.Properties)
                {
                    if (!ValuesEqual(ref session, member.Get(oldValue), member.Get(newValue), member.Shape))
                    {
                        return false;
                    }
                }

                return true;
            case TypedKind.List:
                var oldList = (IList)oldValue;
                var newList = (IList)newValue;
                if (oldList.Count != newList.Count)
                {
                    return false;
                }

                for (var i = 0; i < oldList.Count; i++)
                {
                    if (!ValuesEqual(ref session, oldList[i], newList[i], shape.Element))
                    {
                        return false;
                    }
                }

                return true;
            default:
                // Dictionaries (member order matters to the text) and opaque shapes: compare the text itself.
                return Serialize(ref session, oldValue, shape).AsSpan().SequenceEqual(Serialize(ref session, newValue, shape));
        }
    }

    private static bool LeafEquals(ref Session session, object oldValue, object newValue, TypedShape shape) =>
        oldValue switch
        {
            // Types whose Equals implies identical JSON text; for others (decimal 1.0 vs 1.00, DateTime kinds,
            // -0.0) only the text decides.
            string s => newValue is string t && string.Equals(s, t, StringComparison.Ordinal),
            bool b => newValue is bool c && b == c,
            int i => newValue is int j && i == j,
            long l => newValue is long m && l == m,
            Guid g => newValue is Guid h && g == h,
            _ => Serialize(ref session, oldValue, shape).AsSpan().SequenceEqual(Serialize(ref session, newValue, shape)),
        };

    /// <summary>The value's JSON text, as the state serializer writes it.</summary>
    private static byte[] Serialize(ref Session session, object? value, TypedShape shape)
    {
        var buffer = scratch ??= new ArrayBufferWriter<byte>(256);
        buffer.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(buffer, session.WriterOptions))
        {
            JsonSerializer.Serialize(writer, value, shape.Info);
        }

        var bytes = buffer.WrittenSpan.ToArray();
        if (buffer.Capacity > 64 * 1024)
        {
            scratch = null;
        }

        return bytes;
    }

    /// <summary>The length of the value's JSON text (for the replace-or-patch estimate).</summary>
    private static int SerializedLength(ref Session session, object? value, TypedShape shape) =>
        value is null ? 4 : Serialize(ref session, value, shape).Length;

    private static void WriteReplace(ref Session session, object? value, TypedShape shape)
    {
        PatchOpWriter.BeginValueOp(session.Writer, "replace"u8, ref session.Path);
        WriteValue(session.Writer, value, shape);
        session.Writer.WriteEndObject();
        session.Count++;
    }

    private static void WriteAdd(ref Session session, object? value, TypedShape shape)
    {
        PatchOpWriter.BeginValueOp(session.Writer, "add"u8, ref session.Path);
        WriteValue(session.Writer, value, shape);
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

    private static void WriteValue(Utf8JsonWriter writer, object? value, TypedShape shape)
    {
        writer.WritePropertyName("value"u8);
        JsonSerializer.Serialize(writer, value, shape.Info);
    }

    /// <summary>Per-call state, passed by ref so the engine itself stays immutable and thread-safe.</summary>
    private struct Session(Utf8JsonWriter writer, JsonSerializerOptions options)
    {
        public readonly Utf8JsonWriter Writer = writer;
        public readonly JsonWriterOptions WriterOptions = new() { Encoder = options.Encoder, SkipValidation = true };
        public JsonPointerBuilder Path = new(128);
        public int Count;
    }
}
