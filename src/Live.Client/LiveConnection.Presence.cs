using Live.Client.Protocol;

namespace Live.Client;

/// <summary>Presence: this connection's own status in the rooms it is in.</summary>
public sealed partial class LiveConnection
{
    /// <summary>
    /// Tells the room <paramref name="room"/> that this connection's user is away (or online again) on this connection,
    /// with a <c>presence</c> message. The user shows as away only when every one of their connections in the room is
    /// away. The status is the connection's: after a reconnect it starts online again.
    /// </summary>
    /// <param name="room">A room a component of this connection is in.</param>
    /// <param name="away"><see langword="true"/> for away, <see langword="false"/> for online.</param>
    /// <param name="ct">Stops waiting for the answer.</param>
    /// <returns>Whether the user is now away in the room (all of their connections are).</returns>
    /// <exception cref="LiveErrorException">
    /// <c>room_not_joined</c> when this connection is not in the room, <c>invalid_room_name</c> for a bad name.
    /// </exception>
    public async Task<bool> SetRoomStatusAsync(string room, bool away, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(room);
        var id = NextRequestId();
        var answer = await SendRequestAsync(id, ClientMessages.Presence(id, room, away), $"presence in '{room}' (request {id})", MessageTypes.Result, null, ct).ConfigureAwait(false);
        return answer.TryGetProperty("value", out var value) && value.ValueEquals("away");
    }
}
