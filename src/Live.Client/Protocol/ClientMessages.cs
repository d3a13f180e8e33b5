using System.Buffers;
using System.Text.Json;

namespace Live.Client.Protocol;

/// <summary>Writes the client → server messages of protocol <c>live.v1</c> as UTF-8 JSON.</summary>
internal static class ClientMessages
{
    /// <summary>The heartbeat: a <c>ping</c> without <c>id</c>, so its <c>pong</c> matches no request.</summary>
    public static readonly ReadOnlyMemory<byte> Heartbeat = """{"type":"ping"}"""u8.ToArray();

    public static ReadOnlyMemory<byte> Mount(string id, string component, JsonElement props) =>
        Write(id, "mount", (component, props), static (w, s) =>
        {
            w.WriteString("component", s.component);
            if (s.props.ValueKind == JsonValueKind.Object)
            {
                w.WritePropertyName("props");
                s.props.WriteTo(w);
            }
        });

    public static ReadOnlyMemory<byte> Action(string id, string instance, string action, JsonElement args) =>
        Write(id, "action", (instance, action, args), static (w, s) =>
        {
            w.WriteString("instance", s.instance);
            w.WriteString("action", s.action);
            if (s.args.ValueKind == JsonValueKind.Object)
            {
                w.WritePropertyName("args");
                s.args.WriteTo(w);
            }
        });

    public static ReadOnlyMemory<byte> Unmount(string id, string instance) =>
        Write(id, "unmount", instance, static (w, i) => w.WriteString("instance", i));

    public static ReadOnlyMemory<byte> Resync(string id, string instance) =>
        Write(id, "resync", instance, static (w, i) => w.WriteString("instance", i));

    public static ReadOnlyMemory<byte> Resume(string id, string instance, string secret, long version) =>
        Write(id, "resume", (instance, secret, version), static (w, s) =>
        {
            w.WriteString("instance", s.instance);
            w.WriteString("resume", s.secret);
            w.WriteNumber("version", s.version);
        });

    public static ReadOnlyMemory<byte> Rehydrate(string id, string component, string token, JsonElement props) =>
        Write(id, "rehydrate", (component, token, props), static (w, s) =>
        {
            w.WriteString("component", s.component);
            w.WriteString("token", s.token);
            if (s.props.ValueKind == JsonValueKind.Object)
            {
                w.WritePropertyName("props");
                s.props.WriteTo(w);
            }
        });

    public static ReadOnlyMemory<byte> Ping(string id) => Write(id, "ping", 0, static (_, _) => { });

    public static ReadOnlyMemory<byte> Refresh(string id, string token) =>
        Write(id, "refresh", token, static (w, t) => w.WriteString("token", t));

    public static ReadOnlyMemory<byte> Presence(string id, string room, bool away) =>
        Write(id, "presence", (room, away), static (w, s) =>
        {
            w.WriteString("room", s.room);
            w.WriteString("status", s.away ? "away" : "online");
        });

    // One writer and buffer per thread, reused: a frame costs only its own exact-size array.
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? cachedBuffer;

    [ThreadStatic]
    private static Utf8JsonWriter? cachedWriter;

    private static ReadOnlyMemory<byte> Write<TState>(string id, string type, TState state, Action<Utf8JsonWriter, TState> body)
    {
        var buffer = cachedBuffer ??= new ArrayBufferWriter<byte>(256);
        var writer = cachedWriter ??= new Utf8JsonWriter(buffer);
        buffer.ResetWrittenCount();
        writer.Reset(buffer);
        try
        {
            writer.WriteStartObject();
            writer.WriteString("type", type);
            writer.WriteString("id", id);
            body(writer, state);
            writer.WriteEndObject();
            writer.Flush();
            return buffer.WrittenSpan.ToArray();
        }
        finally
        {
            // Do not keep a large buffer alive on the thread after one large frame (props, a big token).
            if (buffer.Capacity > 64 * 1024)
            {
                cachedBuffer = null;
                cachedWriter = null;
            }
        }
    }
}
