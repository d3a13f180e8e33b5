using System.Security.Claims;

namespace Live.Authentication;

/// <summary>
/// Tells users apart for the same-user rule of <c>refresh</c> and the per-user connection limit: the name identifier
/// (or JWT <c>sub</c>) claim, else the name. Only claims the app's authentication produced count; a frame cannot
/// name a user.
/// </summary>
internal static class UserKeys
{
    /// <summary>The user's key, or <see langword="null"/> for an anonymous principal or one with no identifier.</summary>
    public static string? Of(ClaimsPrincipal? user)
    {
        if (user?.Identity is not { IsAuthenticated: true })
        {
            return null;
        }

        var id = user.FindFirst(ClaimTypes.NameIdentifier)?.Value ?? user.FindFirst("sub")?.Value;
        if (!string.IsNullOrEmpty(id))
        {
            return "id:" + id;
        }

        var name = user.Identity.Name;
        return string.IsNullOrEmpty(name) ? null : "name:" + name;
    }
}
