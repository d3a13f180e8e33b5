using Live.Connections;
using Live.Presence;
using Live.Protocol;

namespace Live.Rooms;

/// <summary>
/// Presence status: each member connection is online or away (the client's <c>presence</c> message), and a user is
/// away only when every one of their connections in the room is away. Server code sets the status of a whole user.
/// </summary>
internal sealed partial class RoomInstance
{
    /// <summary>
    /// Sets the status of the member connection <paramref name="sink"/> and answers its request <paramref name="requestId"/>
    /// with <c>result</c> (the user's resulting status as <c>value</c>), or <c>room_not_joined</c> when the connection
    /// is not in the room. Repeating the connection's current status changes nothing; a change is one patch (the
    /// user's status when it flips, and their last active time).
    /// </summary>
    public Task SetConnectionStatusAsync(IConnectionSink sink, string requestId, bool away) => queue.Enqueue(() =>
    {
        if (IsDestroyed || !connections.TryGetValue(sink.Context.ConnectionId, out var membership))
        {
            sink.TrySend(ServerMessages.Error(requestId, NotJoined()));
            return Task.CompletedTask;
        }

        var userStatus = presence.SetConnectionAway(membership.Identity.UserId, membership.Away, away, runtime.TimeProvider.GetUtcNow());
        if (membership.Away != away)
        {
            membership.Away = away;
            MarkPresenceDirty();
            Flush();
        }

        sink.TrySend(ServerMessages.Result(requestId, userStatus == PresenceStatus.Away ? "away" : "online", typeof(string), runtime.SerializerOptions));
        return Task.CompletedTask;
    });

    /// <summary>Sets a member's status (every connection of theirs in the room follows); returns whether the user is a member.</summary>
    public Task<bool> SetStatusAsync(string userId, PresenceStatus status) => queue.Enqueue(() =>
    {
        if (IsDestroyed || !presence.SetStatus(userId, status, runtime.TimeProvider.GetUtcNow()))
        {
            return Task.FromResult(false);
        }

        foreach (var membership in connections.Values)
        {
            if (membership.Identity.UserId == userId)
            {
                membership.Away = status == PresenceStatus.Away;
            }
        }

        MarkPresenceDirty();
        Flush();
        return Task.FromResult(true);
    });

    private ProtocolError NotJoined() =>
        new(ErrorCodes.RoomNotJoined, $"This connection is not in the room '{Name}'; only members set their status there.");
}
