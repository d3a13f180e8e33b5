using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Live.Protocol;

/// <summary>
/// Writes the messages the server sends, each as one UTF-8 JSON text frame (see <c>docs/protocol.md</c>).
/// A message is serialized once into a byte array; a broadcast shares that array between all receivers.
/// </summary>
internal static partial class ServerMessages
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // The frames travel over a WebSocket, never into HTML, so the relaxed encoder is safe and keeps text compact.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = false,
    };

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? cachedBuffer;

    [ThreadStatic]
    private static Utf8JsonWriter? cachedWriter;

    /// <summary>
    /// The answer to <c>mount</c> and <c>rehydrate</c>. <paramref name="token"/> and <paramref name="resume"/> are set for
    /// per-connection instances only; <paramref name="rehydrated"/> marks the answer to a <c>rehydrate</c>;
    /// <paramref name="readOnly"/> tells a connection that fails the component's write policy that its actions will be refused.
    /// </summary>
    public static byte[] Mounted(string id, string instance, string component, long version, ReadOnlyMemory<byte> stateJson, string? token = null, string? resume = null, bool rehydrated = false, bool readOnly = false) =>
        Write(w =>
        {
            w.WriteString("type"u8, "mounted"u8);
            w.WriteString("id"u8, id);
            w.WriteString("instance"u8, instance);
            w.WriteString("component"u8, component);
            w.WriteNumber("version"u8, version);
            w.WritePropertyName("state"u8);
            w.WriteRawValue(stateJson.Span, skipInputValidation: true);
            if (token is not null)
            {
                w.WriteString("token"u8, token);
            }

            if (resume is not null)
            {
                w.WriteString("resume"u8, resume);
            }

            if (rehydrated)
            {
                w.WriteBoolean("rehydrated"u8, true);
            }

            if (readOnly)
            {
                w.WriteBoolean("readOnly"u8, true);
            }
        });

    /// <summary>An unsolicited fresh state token for <paramref name="instance"/> at <paramref name="version"/>.</summary>
    public static byte[] Token(string instance, long version, string token) =>
        Write(w =>
        {
            w.WriteString("type"u8, "token"u8);
            w.WriteString("instance"u8, instance);
            w.WriteNumber("version"u8, version);
            w.WriteString("token"u8, token);
        });

    /// <summary>
    /// The answer to a successful <c>resume</c>: the full state when <paramref name="stateJson"/> is given, otherwise
    /// the missed patches were sent just before it. <paramref name="token"/> is absent when the state is too large for
    /// a token the client could send back.
    /// </summary>
    public static byte[] Resumed(string id, string instance, long version, string resume, string? token, ReadOnlyMemory<byte>? stateJson) =>
        Write(w =>
        {
            w.WriteString("type"u8, "resumed"u8);
            w.WriteString("id"u8, id);
            w.WriteString("instance"u8, instance);
            w.WriteNumber("version"u8, version);
            w.WriteString("resume"u8, resume);
            if (token is not null)
            {
                w.WriteString("token"u8, token);
            }

            if (stateJson is { } state)
            {
                w.WritePropertyName("state"u8);
                w.WriteRawValue(state.Span, skipInputValidation: true);
            }
        });

    public static byte[] State(string id, string instance, long version, ReadOnlyMemory<byte> stateJson) =>
        Write(w =>
        {
            w.WriteString("type"u8, "state"u8);
            w.WriteString("id"u8, id);
            w.WriteString("instance"u8, instance);
            w.WriteNumber("version"u8, version);
            w.WritePropertyName("state"u8);
            w.WriteRawValue(stateJson.Span, skipInputValidation: true);
        });

    /// <summary>Writes a patch; <paramref name="writeOps"/> writes the value of <c>ops</c> (a JSON array).</summary>
    public static byte[] Patch<TState>(string instance, long version, TState state, Action<Utf8JsonWriter, TState> writeOps) =>
        Write(w =>
        {
            w.WriteString("type"u8, "patch"u8);
            w.WriteString("instance"u8, instance);
            w.WriteNumber("version"u8, version);
            w.WritePropertyName("ops"u8);
            writeOps(w, state);
        });

    public static byte[] Result(string id) => Result(id, change: null);

    public static byte[] Result(string id, object? value, Type type, JsonSerializerOptions options) => Result(id, change: null, value, type, options);

    /// <summary>
    /// A <c>result</c> without a value; when <paramref name="change"/> is given it carries the caller's state change
    /// (its <c>ops</c>; the version is implied) instead of a separate <c>patch</c> frame.
    /// </summary>
    public static byte[] Result(string id, StateChange? change) =>
        Write(w =>
        {
            w.WriteString("type"u8, "result"u8);
            w.WriteString("id"u8, id);
            WriteChange(w, change);
        });

    /// <summary>A <c>result</c> with a value, carrying <paramref name="change"/> when given.</summary>
    public static byte[] Result(string id, StateChange? change, object? value, Type type, JsonSerializerOptions options) =>
        Write(w =>
        {
            w.WriteString("type"u8, "result"u8);
            w.WriteString("id"u8, id);
            WriteChange(w, change);
            w.WritePropertyName("value"u8);
            JsonSerializer.Serialize(w, value, options.GetTypeInfo(type));
        });

    public static byte[] Unmounted(string id, string instance) =>
        Write(w =>
        {
            w.WriteString("type"u8, "unmounted"u8);
            w.WriteString("id"u8, id);
            w.WriteString("instance"u8, instance);
        });

    public static byte[] Pong(string? id) =>
        Write(w =>
        {
            w.WriteString("type"u8, "pong"u8);
            if (id is not null)
            {
                w.WriteString("id"u8, id);
            }
        });

    public static byte[] Refreshed(string id, DateTimeOffset? expiresAt) =>
        Write(w =>
        {
            w.WriteString("type"u8, "refreshed"u8);
            w.WriteString("id"u8, id);
            if (expiresAt is { } expires)
            {
                w.WriteString("expiresAt"u8, expires.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));
            }
        });

    public static byte[] Error(string? id, ProtocolError error) =>
        Write(w =>
        {
            w.WriteString("type"u8, "error"u8);
            if (id is not null)
            {
                w.WriteString("id"u8, id);
            }

            w.WriteString("code"u8, error.Code);
            w.WriteString("message"u8, error.Message);
            if (error.Argument is not null)
            {
                w.WriteString("argument"u8, error.Argument);
            }

            if (error.RetryAfterMs is { } retryAfter)
            {
                w.WriteNumber("retryAfterMs"u8, retryAfter);
            }
        });

    /// <summary>
    /// The caller's change inside its <c>result</c>: the <c>ops</c> only. Their version is implied — one more than the
    /// version the caller holds — because ops ride in a result only when the caller is the instance's one connection,
    /// so every earlier change reached it, in order, on the same socket (see <c>docs/protocol.md#result</c>).
    /// </summary>
    private static void WriteChange(Utf8JsonWriter writer, StateChange? change)
    {
        if (change is { } c)
        {
            writer.WritePropertyName("ops"u8);
            writer.WriteRawValue(c.Ops.Span, skipInputValidation: true);
        }
    }

    internal static byte[] Write(Action<Utf8JsonWriter> body)
    {
        var buffer = cachedBuffer ??= new ArrayBufferWriter<byte>(1024);
        var writer = cachedWriter ??= new Utf8JsonWriter(buffer, WriterOptions);
        buffer.ResetWrittenCount();
        writer.Reset(buffer);
        try
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
            writer.Flush();
            return buffer.WrittenSpan.ToArray();
        }
        finally
        {
            // Do not keep a huge buffer alive on the thread after a one-off large message.
            if (buffer.Capacity > 256 * 1024)
            {
                cachedBuffer = null;
                cachedWriter = null;
            }
        }
    }
}
