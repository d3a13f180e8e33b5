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

    public static ReadOnlyMemory<byte> Ping(string id) => Write(id, "ping", 0, static (_, _) => { });

    public static ReadOnlyMemory<byte> Refresh(string id, string token) =>
        Write(id, "refresh", token, static (w, t) => w.WriteString("token", t));

    private static ReadOnlyMemory<byte> Write<TState>(string id, string type, TState state, Action<Utf8JsonWriter, TState> body)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("type", type);
            writer.WriteString("id", id);
            body(writer, state);
            writer.WriteEndObject();
        }

        return buffer.WrittenMemory;
    }
}
