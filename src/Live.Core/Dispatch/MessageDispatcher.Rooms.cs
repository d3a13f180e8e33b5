using System.Text.Json;
using System.Text.Json.Nodes;
using Live.Connections;
using Live.Protocol;
using Live.Rooms;

namespace Live.Dispatch;

/// <summary>
/// The client's room messages: <c>join</c> (only rooms that allow it), <c>leave</c>, and <c>presence</c> (a member
/// connection's own status).
/// </summary>
internal sealed partial class MessageDispatcher
{
    private async Task JoinAsync(ConnectionSession session, ClientMessage message)
    {
        var id = message.Id!;
        var room = message.Room!;
        if (!session.TryGetMounted(message.Instance!, out var instance))
        {
            session.TrySend(ServerMessages.Error(id, NotMounted(message.Instance!)));
            return;
        }

        if (RoomNames.Validate(room) is { } invalid)
        {
            session.TrySend(ServerMessages.Error(id, new ProtocolError(ErrorCodes.InvalidRoomName, invalid)));
            return;
        }

        if (await AuthorizeClientJoinAsync(session, room).ConfigureAwait(false) is { } forbidden)
        {
            session.TrySend(ServerMessages.Error(id, forbidden));
            return;
        }

        JsonObject? metadata = null;
        if (message.Props.ValueKind == JsonValueKind.Object)
        {
            metadata = JsonNode.Parse(message.Props.GetRawText()) as JsonObject;
        }

        var outcome = await runtime.Rooms.JoinAsync(session, instance, room, metadata, id, isClientRequest: true).ConfigureAwait(false);
        if (outcome.Error is { } error)
        {
            session.TrySend(ServerMessages.Error(id, error));
        }
    }

    private async Task LeaveAsync(ConnectionSession session, ClientMessage message)
    {
        var id = message.Id!;
        if (!session.TryGetMounted(message.Instance!, out var instance))
        {
            session.TrySend(ServerMessages.Error(id, NotMounted(message.Instance!)));
            return;
        }

        var room = message.Room!;
        if (!await runtime.Rooms.LeaveAsync(session.Context.ConnectionId, instance, room, RoomLeaveReason.Left, id).ConfigureAwait(false))
        {
            session.TrySend(ServerMessages.Error(id, new ProtocolError(
                ErrorCodes.RoomNotJoined,
                $"The instance '{Shorten(message.Instance!)}' is not in the room '{Shorten(room)}'.")));
        }
    }

    /// <summary>
    /// Sets this connection's status in a room it is in. A connection speaks only for itself: there is no user or
    /// connection to name, and a room the connection is not in (or that does not exist) is the same <c>room_not_joined</c>.
    /// </summary>
    private Task SetPresenceAsync(ConnectionSession session, ClientMessage message)
    {
        var id = message.Id!;
        var room = message.Room!;
        if (RoomNames.Validate(room) is { } invalid)
        {
            session.TrySend(ServerMessages.Error(id, new ProtocolError(ErrorCodes.InvalidRoomName, invalid)));
            return Task.CompletedTask;
        }

        if (!runtime.Rooms.TryGetJoined(session.Context.ConnectionId, room, out var joined))
        {
            session.TrySend(ServerMessages.Error(id, new ProtocolError(
                ErrorCodes.RoomNotJoined,
                $"This connection is not in the room '{Shorten(room)}'; only members set their status there.")));
            return Task.CompletedTask;
        }

        return joined.SetConnectionStatusAsync(session, id, message.Away);
    }

    /// <summary>
    /// A client may join only rooms that say so: a typed room with <c>AllowClientJoin</c>, or an untyped room matching a
    /// rule in <c>LiveOptions.Rooms.ClientJoins</c>; the rule's or room's policy must then be satisfied.
    /// </summary>
    private async Task<ProtocolError?> AuthorizeClientJoinAsync(ConnectionSession session, string room)
    {
        string? policy;
        if (runtime.Rooms.DescriptorFor(room) is { } descriptor)
        {
            if (!descriptor.AllowClientJoin)
            {
                return Forbidden(room);
            }

            policy = descriptor.JoinPolicy;
        }
        else if (runtime.Options.Rooms.ClientJoins.FirstOrDefault(r => r.Matches(room)) is { } rule)
        {
            policy = rule.Policy;
        }
        else
        {
            return Forbidden(room);
        }

        if (policy is null)
        {
            return null;
        }

        // The authorization seam (ILiveAuthorizer, IAuthorizationService in ASP.NET Core) evaluates the policy; it fails
        // closed when no authorizer is registered or the policy does not exist.
        var denied = await runtime.Authorization.CheckAsync(
            session.Context.User,
            [new Authorization.AuthorizeData(Policy: policy, Roles: null)],
            room,
            $"join room '{room}'").ConfigureAwait(false);
        return denied is null
            ? null
            : new ProtocolError(ErrorCodes.RoomJoinForbidden, $"Joining the room '{room}' requires the policy '{policy}': {denied.Message}");
    }

    private static ProtocolError Forbidden(string room) =>
        new(ErrorCodes.RoomJoinForbidden, $"Clients may not join the room '{room}' themselves; the server puts connections in it.");
}
