using System.Text.Json.Nodes;
using Live.Connections;
using Live.Protocol;
using Live.Rooms;
using Microsoft.Extensions.Logging;

namespace Live.Instances;

/// <summary>
/// The room side of an instance: running its room-event handler on its queue, and its rooms while it is kept for a
/// resume — held by the rooms after a drop, or remembered by name to be joined again after a deliberate close.
/// </summary>
internal sealed partial class ComponentInstance
{
    private string? heldConnectionId;
    private List<(RoomInstance Room, JsonObject? Metadata)>? heldRooms;
    private List<(string Name, JsonObject? Metadata)>? rememberedRooms;

    /// <summary>
    /// The instance is now kept after its connection <paramref name="sink"/> ended: a drop leaves its room memberships
    /// held (the user stays a member); a connection the client closed on purpose leaves its rooms now, and the instance
    /// remembers them to join again if it is resumed all the same.
    /// </summary>
    private async Task KeepRoomsAsync(IConnectionSink sink)
    {
        var connectionId = sink.Context.ConnectionId;
        var hold = !sink.ClosedDeliberately;
        foreach (var room in host.Rooms.RoomsOf(connectionId))
        {
            try
            {
                var (member, metadata) = await room.DetachKeptAsync(connectionId, this, hold).ConfigureAwait(false);
                if (!member)
                {
                    continue;
                }

                if (hold)
                {
                    heldConnectionId = connectionId;
                    (heldRooms ??= []).Add((room, metadata));
                }
                else
                {
                    (rememberedRooms ??= []).Add((room.Name, metadata));
                }
            }
            catch (Exception ex)
            {
                Log.HookFailed(host.Logger, ex, "leaving rooms", Descriptor.Name, Id);
            }
        }
    }

    /// <summary>
    /// After a resume on <paramref name="sink"/>: back in every held room (no hooks run), and a re-join through the
    /// normal join path for every remembered one (room size and typed-room join hooks apply). A room it cannot return
    /// to is reported to the client as <c>left</c> with reason <c>refused</c>. When the new connection is not the same
    /// presence user as the dropped one (<paramref name="samePresenceUser"/> false: an anonymous connection already in
    /// use as another guest), the held memberships end and the rooms are re-joined under the connection's own id, so a
    /// connection is one member under one id everywhere.
    /// </summary>
    private async Task RestoreRoomsAsync(IConnectionSink sink, bool samePresenceUser)
    {
        var (connectionId, rooms, remembered) = TakeKeptRooms();
        foreach (var (room, metadata) in rooms ?? [])
        {
            if (!samePresenceUser)
            {
                await room.ReleaseHeldAsync(connectionId!, this, RoomLeaveReason.Disconnected).ConfigureAwait(false);
                (remembered ??= []).Add((room.Name, metadata));
            }
            else if (await room.ResumeHeldAsync(connectionId!, this, sink).ConfigureAwait(false) is { } error)
            {
                Refused(room.Name, error);
            }
        }

        foreach (var (name, metadata) in remembered ?? [])
        {
            var outcome = await host.Rooms.JoinAsync(sink, this, name, metadata, requestId: null, isClientRequest: false).ConfigureAwait(false);
            if (outcome.Error is { } error)
            {
                Refused(name, error);
            }
        }

        void Refused(string name, ProtocolError error)
        {
            Log.RoomNotRestored(host.Logger, Descriptor.Name, Id, name, error.Code);
            sink.TrySend(ServerMessages.Left(null, name, Id, "refused"));
        }
    }

    /// <summary>The retention ended without a resume: the held memberships end (reason disconnected).</summary>
    private async Task ReleaseRoomsAsync()
    {
        var (connectionId, rooms, _) = TakeKeptRooms();
        foreach (var (room, _) in rooms ?? [])
        {
            try
            {
                await room.ReleaseHeldAsync(connectionId!, this, RoomLeaveReason.Disconnected).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                Log.HookFailed(host.Logger, ex, "leaving rooms", Descriptor.Name, Id);
            }
        }
    }

    /// <summary>
    /// Queues the component's <c>OnRoomEventAsync</c> for <paramref name="roomEvent"/>, as work of the member connection
    /// <paramref name="sink"/>; state it changes goes out as a patch like any other change. Does not wait.
    /// </summary>
    public void DeliverRoomEvent(RoomEvent roomEvent, IConnectionSink sink) => _ = queue.Enqueue(async () =>
    {
        if (IsDestroyed || !attached.Contains(sink))
        {
            return;
        }

        Component.CurrentConnection = sink.Context;
        var before = Component.CaptureState();
        try
        {
            await Component.RunRoomEventAsync(roomEvent).ConfigureAwait(false);
            await FlushOnQueueAsync(actionName: null).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Rollback(before);
            Log.RoomEventFailed(host.Logger, ex, roomEvent.Name, roomEvent.Room, Descriptor.Name, Id);
        }
        finally
        {
            if (Descriptor.Singleton)
            {
                Component.CurrentConnection = null;
            }
        }
    });

    /// <summary>What the instance kept of its rooms, now forgotten (it is resumed, or its retention ended).</summary>
    private (string? ConnectionId, List<(RoomInstance Room, JsonObject? Metadata)>? Held, List<(string Name, JsonObject? Metadata)>? Remembered) TakeKeptRooms()
    {
        var kept = (heldConnectionId, heldRooms, rememberedRooms);
        heldConnectionId = null;
        heldRooms = null;
        rememberedRooms = null;
        return kept;
    }

    private static partial class Log
    {
        [LoggerMessage(12, LogLevel.Information, "Resumed instance {InstanceId} of '{Component}' could not return to room '{Room}' ({Code})")]
        public static partial void RoomNotRestored(ILogger logger, string component, string instanceId, string room, string code);

        [LoggerMessage(6, LogLevel.Error, "Handling event '{Event}' of room '{Room}' in component '{Component}' (instance {InstanceId}) threw")]
        public static partial void RoomEventFailed(ILogger logger, Exception exception, string @event, string room, string component, string instanceId);
    }
}
