using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;

namespace Live.Presence;

/// <summary>
/// Who a connection is, for presence: the user id and display name from its <see cref="ClaimsPrincipal"/>, or, for an
/// anonymous connection, a guest id of its own (<c>anon-</c> plus a tag) and the name <c>Guest xxxx</c>.
/// </summary>
/// <remarks>
/// A guest's tag is a digest of its connection id (which is never revealed), fixed on the connection at its first use
/// in a room — unless a resume fixed it first: an anonymous connection that resumes an instance takes over the guest id
/// of the connection the instance was kept from (<see cref="TakeOver"/>), so the guest is one member under one id in
/// the rooms it was held in and in any room it joins afterwards.
/// </remarks>
internal readonly record struct UserIdentity(string UserId, string DisplayName, bool IsAnonymous)
{
    /// <summary>The user id of server code acting without a connection.</summary>
    public const string ServerUserId = "server";

    private const string GuestPrefix = "anon-";

    /// <summary>Who the connection is; for an anonymous connection this fixes its guest tag (it is in use from now on).</summary>
    public static UserIdentity Of(LiveConnectionContext connection) => Resolve(connection, fix: true);

    /// <summary>Who the connection is, without fixing a guest tag (for a comparison that must not pin it).</summary>
    public static UserIdentity Peek(LiveConnectionContext connection) => Resolve(connection, fix: false);

    /// <summary>
    /// <paramref name="connection"/> resumed an instance kept from <paramref name="keptFrom"/>: when both are anonymous
    /// and the connection's guest tag is not fixed yet, it takes over the guest tag of <paramref name="keptFrom"/>.
    /// Returns whether both are now the same presence user (not so when the connection was already in use as another guest).
    /// </summary>
    public static bool TakeOver(LiveConnectionContext connection, LiveConnectionContext keptFrom)
    {
        var before = Of(keptFrom);
        if (before.IsAnonymous && Peek(connection).IsAnonymous)
        {
            connection.FixGuestTag(before.UserId[GuestPrefix.Length..]);
        }

        return Of(connection).UserId == before.UserId;
    }

    private static UserIdentity Resolve(LiveConnectionContext connection, bool fix)
    {
        var user = connection.User;
        if (user.Identity?.IsAuthenticated == true)
        {
            var id = user.FindFirst("sub")?.Value
                ?? user.FindFirst(ClaimTypes.NameIdentifier)?.Value
                ?? user.Identity.Name;
            if (!string.IsNullOrEmpty(id))
            {
                var name = user.FindFirst("name")?.Value ?? user.Identity.Name ?? user.FindFirst(ClaimTypes.Name)?.Value ?? id;
                return new UserIdentity(id, name, IsAnonymous: false);
            }
        }

        var tag = connection.GuestTag;
        if (tag is null)
        {
            // A digest of the connection id tells anonymous tabs apart without revealing the id to other members.
            tag = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(connection.ConnectionId)), 0, 4);
            if (fix)
            {
                tag = connection.FixGuestTag(tag);
            }
        }

        return new UserIdentity(GuestPrefix + tag, "Guest " + tag[..4], IsAnonymous: true);
    }
}
