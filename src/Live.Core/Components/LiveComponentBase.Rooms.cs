using System.Text.Json.Nodes;
using Live.Instances;
using Live.Presence;
using Live.Protocol;
using Live.Rooms;

namespace Live;

/// <summary>Rooms as a component sees them: joining, leaving, a handle bound to the component, and the event hook.</summary>
public abstract partial class LiveComponentBase
{
    /// <summary>
    /// Puts this component, for the current connection (<see cref="Connection"/>), in the room <paramref name="room"/>,
    /// creating the room on first join. The client gets a <c>joined</c> message with the room's state and presence, then
    /// the room's events and patches. Joining a room the component is already in sends a fresh snapshot and is otherwise
    /// a no-op.
    /// </summary>
    /// <param name="room">The room name: 1–128 characters from letters, digits and <c>- _ . : @</c>.</param>
    /// <param name="presenceMetadata">App data shown with the user in presence (visible to every member), or <see langword="null"/>.</param>
    /// <returns>A task that completes when the component is in the room.</returns>
    /// <exception cref="LiveRoomException">
    /// The name is invalid (<c>invalid_room_name</c>), the room is full (<c>room_full</c>), a typed room's join hook
    /// rejected the join (<c>room_join_rejected</c>), or the connection is in too many rooms (<c>too_many_rooms</c>).
    /// Thrown inside an action, the caller receives that code and message.
    /// </exception>
    protected async Task JoinRoomAsync(string room, JsonObject? presenceMetadata = null)
    {
        var (instance, connection) = RoomParticipant();
        var outcome = await instance.Host.Rooms.JoinAsync(connection.Sink!, instance, room, presenceMetadata, requestId: null, isClientRequest: false).ConfigureAwait(false);
        if (outcome.Error is { } error)
        {
            throw new LiveRoomException(error.Code, error.Message);
        }
    }

    /// <summary>Joins the typed room <typeparamref name="TRoom"/> with key <paramref name="key"/> (the room <c>{kind}:{key}</c>).</summary>
    /// <typeparam name="TRoom">The typed room class.</typeparam>
    /// <param name="key">The part after the room kind's name.</param>
    /// <param name="presenceMetadata">App data shown with the user in presence, or <see langword="null"/>.</param>
    /// <returns>A task that completes when the component is in the room.</returns>
    /// <exception cref="LiveRoomException">As for <see cref="JoinRoomAsync(string, JsonObject?)"/>.</exception>
    protected Task JoinRoomAsync<TRoom>(string key, JsonObject? presenceMetadata = null)
        where TRoom : LiveRoomBase => JoinRoomAsync(RoomParticipant().Instance.Host.Rooms.NameOf<TRoom>(key), presenceMetadata);

    /// <summary>Takes this component, for the current connection, out of <paramref name="room"/>; the client gets <c>left</c>.</summary>
    /// <param name="room">The room name.</param>
    /// <returns>A task that completes when the component has left.</returns>
    /// <exception cref="LiveRoomException">The component is not in that room (<c>room_not_joined</c>).</exception>
    protected async Task LeaveRoomAsync(string room)
    {
        var (instance, connection) = RoomParticipant();
        if (!await instance.Host.Rooms.LeaveAsync(connection.ConnectionId, instance, room, RoomLeaveReason.Left, requestId: null).ConfigureAwait(false))
        {
            throw new LiveRoomException(ErrorCodes.RoomNotJoined, $"This component is not in the room '{room}'.");
        }
    }

    /// <summary>
    /// Operations on <paramref name="room"/> on behalf of this component and the current connection: events come from
    /// the connection's user (and need the component to have joined), live state is written in the user's name.
    /// </summary>
    /// <param name="room">The room name.</param>
    /// <returns>The handle.</returns>
    protected RoomHandle Room(string room)
    {
        var (instance, connection) = RoomParticipant();
        if (RoomNames.Validate(room) is { } invalid)
        {
            throw new LiveRoomException(ErrorCodes.InvalidRoomName, invalid);
        }

        return new RoomHandle(instance.Host.Rooms, room, new RoomSender(connection, instance, UserIdentity.Of(connection)));
    }

    /// <summary>
    /// Called, on this instance's queue, for every event of a room this component joined (including events its own
    /// connection sent to everyone). <see cref="Connection"/> is the member connection the event arrived for. Changes to
    /// state made here are sent as a patch. Use <see cref="RoomEvent.Is{TEvent}(out TEvent)"/> to dispatch by type.
    /// </summary>
    /// <param name="roomEvent">The event.</param>
    /// <returns>A task that completes when the event has been handled.</returns>
    protected virtual Task OnRoomEventAsync(RoomEvent roomEvent) => Task.CompletedTask;

    internal Task RunRoomEventAsync(RoomEvent roomEvent) => OnRoomEventAsync(roomEvent);

    private (ComponentInstance Instance, LiveConnectionContext Connection) RoomParticipant()
    {
        var instance = Scheduler as ComponentInstance
            ?? throw new InvalidOperationException("This component is not mounted (or has been destroyed), so it cannot use rooms.");
        var connection = Connection;
        if (connection.Sink is null)
        {
            throw new InvalidOperationException("The current connection cannot receive room messages.");
        }

        return (instance, connection);
    }
}
