using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Live.Instances;
using Live.Presence;
using Live.Protocol;

namespace Live.Rooms;

/// <summary>
/// The synced side of a room: its document <c>{"state": …, "members": …, "live": …}</c>, the patch sent after each
/// change (serialized once for every member), events, and the state and presence operations.
/// </summary>
internal sealed partial class RoomInstance
{
    private JsonObject state = [];
    private JsonDocument? document;
    private bool dirty;

    private ReadOnlyMemory<byte> DocumentJson { get; set; }

    /// <summary>
    /// Sends an event to the members: all of them, all but <paramref name="senderConnectionId"/>, or the connections
    /// of <paramref name="toUserId"/>. The frame is serialized once. Returns the number of connections it was queued for.
    /// </summary>
    public Task<int> EmitAsync(object data, Type type, EmitTarget target, string? senderConnectionId, ComponentInstance? senderComponent, string? fromUserId, string? toUserId) =>
        queue.Enqueue(() =>
        {
            if (IsDestroyed)
            {
                return Task.FromResult(0);
            }

            if (senderComponent is not null && !HasComponent(senderConnectionId!, senderComponent))
            {
                throw new LiveRoomException(ErrorCodes.RoomNotJoined, $"This component has not joined the room '{Name}'; join it before sending events to it.");
            }

            var name = Registration.EventCatalog.NameOf(type);
            var frame = ServerMessages.Event(Name, name, fromUserId, data, runtime.SerializerOptions.GetTypeInfo(type));
            if (frame.Length > runtime.Options.Rooms.MaxEventBytes)
            {
                throw new LiveRoomException(ErrorCodes.EventTooLarge, $"The event '{name}' is {frame.Length} bytes; room events may be at most {runtime.Options.Rooms.MaxEventBytes} bytes.");
            }

            var roomEvent = new RoomEvent(Name, name, data, fromUserId, senderConnectionId);
            var delivered = 0;
            HashSet<ComponentInstance>? handled = null;
            foreach (var membership in receivers)
            {
                if ((target == EmitTarget.Others && membership.Sink.Context.ConnectionId == senderConnectionId)
                    || (target == EmitTarget.User && membership.Identity.UserId != toUserId))
                {
                    continue;
                }

                if (membership.Sink.TrySend(frame))
                {
                    delivered++;
                }

                foreach (var component in membership.Components)
                {
                    if (component.Descriptor.HandlesRoomEvents && (handled ??= []).Add(component))
                    {
                        component.DeliverRoomEvent(roomEvent, membership.Sink);
                    }
                }
            }

            runtime.Metrics.RoomEventSent(frame.Length, delivered);
            return Task.FromResult(delivered);
        });

    /// <summary>Runs <paramref name="edit"/> on a copy of the state and keeps the copy only if every operation succeeded.</summary>
    public Task<T> UpdateStateAsync<T>(Func<RoomStateEditor, T> edit) => queue.Enqueue(() =>
    {
        ThrowIfDestroyed();
        var copy = CurrentStateNode();
        var editor = new RoomStateEditor(copy, runtime.SerializerOptions);
        var result = edit(editor);
        if (Typed is not null)
        {
            var before = Typed.CaptureState();
            try
            {
                Typed.ReadState(copy, runtime.SerializerOptions);
            }
            catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException or FormatException)
            {
                Typed.RestoreState(before);
                throw new LiveRoomException(ErrorCodes.RoomStateConflict, $"The change does not fit the state type of room '{Name}' ({Typed.StateType.Name}): {ex.Message}");
            }
        }
        else
        {
            state = copy;
            MarkDirty();
        }

        Flush();
        ScheduleCleanupIfEmpty();
        return Task.FromResult(result);
    });

    /// <summary>Runs work against the typed room object on its queue, then sends what changed.</summary>
    public Task UpdateTypedAsync<TRoom>(Func<TRoom, Task> work)
        where TRoom : LiveRoomBase => queue.Enqueue(async () =>
    {
        ThrowIfDestroyed();
        if (Typed is not TRoom room)
        {
            throw new InvalidOperationException($"The room '{Name}' is {(Typed is null ? "an untyped room" : $"a {Typed.GetType().Name}")}, not a {typeof(TRoom).Name}.");
        }

        var before = room.CaptureState();
        try
        {
            await work(room).ConfigureAwait(false);
        }
        catch
        {
            room.RestoreState(before);
            throw;
        }

        Flush();
        ScheduleCleanupIfEmpty();
    });

    public Task<JsonObject> GetStateAsync() => queue.Enqueue(() => Task.FromResult(CurrentStateNode()));

    public Task<IReadOnlyList<RoomMember>> GetMembersAsync() => queue.Enqueue(() => Task.FromResult(presence.Members()));

    public Task<IReadOnlyList<LiveStateEntry>> GetLiveStateAsync() => queue.Enqueue(() => Task.FromResult(presence.LiveEntries()));

    /// <summary>
    /// Sets a live-state entry (last writer wins); a <see langword="null"/> value removes it. The entry belongs to the
    /// writing connection <paramref name="connectionId"/> (<see langword="null"/> for server code) until another overwrites it.
    /// </summary>
    public Task SetLiveStateAsync(string key, JsonNode? value, string userId, string? connectionId) => queue.Enqueue(() =>
    {
        ThrowIfDestroyed();
        presence.SetLive(key, value, userId, connectionId, runtime.TimeProvider.GetUtcNow());
        MarkPresenceDirty();
        Flush();
        ScheduleCleanupIfEmpty();
        return Task.CompletedTask;
    });

    private void ThrowIfDestroyed()
    {
        if (IsDestroyed)
        {
            throw new InvalidOperationException($"The room '{Name}' has been destroyed.");
        }
    }

    private JsonObject CurrentStateNode()
    {
        if (Typed is null)
        {
            return (JsonObject)state.DeepClone();
        }

        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Typed.WriteState(writer, runtime.SerializerOptions);
        }

        return JsonNode.Parse(buffer.WrittenSpan) as JsonObject
            ?? throw new LiveRoomException(ErrorCodes.RoomStateConflict, $"The state of room '{Name}' is not a JSON object.");
    }

    private void MarkDirty() => dirty = true;

    private void MarkPresenceDirty() => dirty |= SyncsPresence;

    private void WriteInitialDocument()
    {
        var json = SerializeDocument();
        document = JsonDocument.Parse(json);
        DocumentJson = json;
        Version = 0;
        dirty = false;
    }

    /// <summary>Diffs the document against what members hold and sends one patch, serialized once, to every member.</summary>
    private void Flush()
    {
        if (!dirty && Typed?.IsStateDirty != true)
        {
            return;
        }

        dirty = false;
        Typed?.ResetDirty();
        if (document is null)
        {
            return;
        }

        var nextJson = SerializeDocument();
        var nextDocument = JsonDocument.Parse(nextJson);
        var ops = new ArrayBufferWriter<byte>(256);
        int count;
        using (var opsWriter = new Utf8JsonWriter(ops, new JsonWriterOptions { Encoder = runtime.SerializerOptions.Encoder, SkipValidation = true }))
        {
            count = Diffing.PatchBuilder.Default.WritePatch(document.RootElement, nextDocument.RootElement, opsWriter);
        }

        if (count == 0)
        {
            nextDocument.Dispose();
            return;
        }

        document.Dispose();
        document = nextDocument;
        DocumentJson = nextJson;
        Version++;
        var frame = ServerMessages.Patch(Id, Version, ops, static (w, o) => w.WriteRawValue(o.WrittenSpan, skipInputValidation: true));
        runtime.CountPatch(frame.Length, receivers.Length);
        foreach (var membership in receivers)
        {
            membership.Sink.TrySend(frame);
        }
    }

    private byte[] SerializeDocument()
    {
        var buffer = new ArrayBufferWriter<byte>(Math.Max(256, DocumentJson.Length));
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = runtime.SerializerOptions.Encoder, SkipValidation = true }))
        {
            writer.WriteStartObject();
            writer.WritePropertyName("state"u8);
            if (Typed is not null)
            {
                Typed.WriteState(writer, runtime.SerializerOptions);
            }
            else
            {
                state.WriteTo(writer);
            }

            if (SyncsPresence)
            {
                presence.Write(writer);
            }
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private void ReleaseDocument()
    {
        document?.Dispose();
        document = null;
    }
}
