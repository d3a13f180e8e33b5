using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;

namespace Live.Presence;

/// <summary>
/// Who a connection is, for presence: the user id and display name from its <see cref="ClaimsPrincipal"/>, or, for an
/// anonymous connection, an id of its own (<c>anon-</c> plus part of the connection id) and the name <c>Guest xxxx</c>.
/// </summary>
internal readonly record struct UserIdentity(string UserId, string DisplayName, bool IsAnonymous)
{
    /// <summary>The user id of server code acting without a connection.</summary>
    public const string ServerUserId = "server";

    public static UserIdentity Of(LiveConnectionContext connection)
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

        // A digest of the connection id tells anonymous tabs apart without revealing the id to other members.
        var tag = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(connection.ConnectionId)), 0, 4);
        return new UserIdentity("anon-" + tag, "Guest " + tag[..4], IsAnonymous: true);
    }
}
