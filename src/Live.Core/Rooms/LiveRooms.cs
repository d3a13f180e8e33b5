using Live.Hosting;
using Live.Presence;
using Live.Protocol;

namespace Live.Rooms;

/// <summary>The <see cref="ILiveRooms"/> of a runtime.</summary>
internal sealed class LiveRooms(LiveRuntime runtime) : ILiveRooms
{
    public IReadOnlyCollection<string> Names => runtime.Rooms.Names;

    public RoomHandle Room(string name)
    {
        if (RoomNames.Validate(name) is { } invalid)
        {
            throw new LiveRoomException(ErrorCodes.InvalidRoomName, invalid);
        }

        return runtime.Rooms.Handle(name);
    }

    public RoomHandle Room<TRoom>(string key)
        where TRoom : LiveRoomBase => Room(runtime.Rooms.NameOf<TRoom>(key));

    public Task<int> SendToUserAsync<TEvent>(string userId, TEvent userEvent)
        where TEvent : notnull
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        ArgumentNullException.ThrowIfNull(userEvent);
        var type = typeof(TEvent) == typeof(object) ? userEvent.GetType() : typeof(TEvent);
        var frame = ServerMessages.Event(null, Registration.EventCatalog.NameOf(type), UserIdentity.ServerUserId, userEvent, runtime.SerializerOptions.GetTypeInfo(type));
        var delivered = 0;
        foreach (var session in runtime.Sessions)
        {
            if (UserIdentity.Peek(session.Context).UserId == userId && session.TrySend(frame))
            {
                delivered++;
            }
        }

        return Task.FromResult(delivered);
    }
}
