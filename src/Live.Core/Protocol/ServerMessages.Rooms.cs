using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Live.Protocol;

/// <summary>The room messages: <c>joined</c>, <c>left</c> and <c>event</c> (see <c>docs/protocol.md</c>).</summary>
internal static partial class ServerMessages
{
    /// <summary>
    /// A component joined a room: the room's pseudo-instance id, its version and its whole synced document. Later
    /// <c>patch</c> messages for <paramref name="roomInstance"/> follow from <paramref name="version"/>.
    /// </summary>
    public static byte[] Joined(string? id, string room, string instance, string roomInstance, long version, ReadOnlyMemory<byte> documentJson) =>
        Write(w =>
        {
            w.WriteString("type"u8, "joined"u8);
            if (id is not null)
            {
                w.WriteString("id"u8, id);
            }

            w.WriteString("room"u8, room);
            w.WriteString("instance"u8, instance);
            w.WriteString("roomInstance"u8, roomInstance);
            w.WriteNumber("version"u8, version);
            w.WritePropertyName("state"u8);
            w.WriteRawValue(documentJson.Span, skipInputValidation: true);
        });

    public static byte[] Left(string? id, string room, string instance, string reason) =>
        Write(w =>
        {
            w.WriteString("type"u8, "left"u8);
            if (id is not null)
            {
                w.WriteString("id"u8, id);
            }

            w.WriteString("room"u8, room);
            w.WriteString("instance"u8, instance);
            w.WriteString("reason"u8, reason);
        });

    /// <summary>An event, serialized once for every receiver.</summary>
    public static byte[] Event(string? room, string name, string? from, object data, JsonTypeInfo typeInfo) =>
        Write(w =>
        {
            w.WriteString("type"u8, "event"u8);
            if (room is not null)
            {
                w.WriteString("room"u8, room);
            }

            w.WriteString("event"u8, name);
            if (from is not null)
            {
                w.WriteString("from"u8, from);
            }

            w.WritePropertyName("data"u8);
            JsonSerializer.Serialize(w, data, typeInfo);
        });
}
