using Live.Connections;
using Live.Rooms;
using Microsoft.Extensions.Logging;

namespace Live.Instances;

/// <summary>The room side of an instance: running its room-event handler on its queue.</summary>
internal sealed partial class ComponentInstance
{
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

    private static partial class Log
    {
        [LoggerMessage(6, LogLevel.Error, "Handling event '{Event}' of room '{Room}' in component '{Component}' (instance {InstanceId}) threw")]
        public static partial void RoomEventFailed(ILogger logger, Exception exception, string @event, string room, string component, string instanceId);
    }
}
