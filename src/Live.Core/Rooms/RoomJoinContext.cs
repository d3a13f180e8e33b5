using System.Security.Claims;
using System.Text.Json.Nodes;

namespace Live.Rooms;

/// <summary>A join about to happen, seen by <see cref="LiveRoomBase"/>'s join hook.</summary>
public sealed class RoomJoinContext
{
    internal RoomJoinContext(LiveConnectionContext connection, string userId, string displayName, JsonObject? metadata, bool isClientRequest)
    {
        Connection = connection;
        UserId = userId;
        DisplayName = displayName;
        Metadata = metadata;
        IsClientRequest = isClientRequest;
    }

    /// <summary>The joining connection.</summary>
    public LiveConnectionContext Connection { get; }

    /// <summary>The joining user (an anonymous principal when nobody signed in).</summary>
    public ClaimsPrincipal User => Connection.User;

    /// <summary>The user id presence uses for the joiner.</summary>
    public string UserId { get; }

    /// <summary>The display name presence shows for the joiner.</summary>
    public string DisplayName { get; }

    /// <summary>The presence metadata the joiner brings (visible to every member), or <see langword="null"/>.</summary>
    public JsonObject? Metadata { get; }

    /// <summary>Whether the client asked to join (a <c>join</c> message) rather than server code.</summary>
    public bool IsClientRequest { get; }

    /// <summary>Whether <see cref="Reject"/> was called.</summary>
    public bool IsRejected => RejectReason is not null;

    /// <summary>The reason given to <see cref="Reject"/>.</summary>
    public string? RejectReason { get; private set; }

    /// <summary>Refuses the join; the joiner gets <c>room_join_rejected</c> with <paramref name="reason"/> (sent to the client).</summary>
    /// <param name="reason">Why, for the user.</param>
    public void Reject(string reason)
    {
        ArgumentException.ThrowIfNullOrEmpty(reason);
        RejectReason = reason;
    }
}
