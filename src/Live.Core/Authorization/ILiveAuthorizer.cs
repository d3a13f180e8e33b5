using System.Security.Claims;

namespace Live.Authorization;

/// <summary>
/// The seam through which the Live runtime asks whether a user may do something: mount or rehydrate a component,
/// call one of its actions, or (for rooms) join a room. The runtime calls it with the connection's user, the
/// <c>[Authorize]</c> requirements that apply, and the object acted on as the resource, on that object's own queue so
/// a policy sees a consistent state.
/// </summary>
/// <remarks>
/// <c>Live.AspNetCore</c> implements it with ASP.NET Core's <c>IAuthorizationService</c> (roles, named policies, the
/// default policy, combined as ASP.NET Core combines endpoint attributes), and <c>AddLive()</c> registers that
/// implementation. Register your own only to host Live outside ASP.NET Core. When requirements apply but no
/// authorizer is registered, the runtime refuses (it never fails open).
/// </remarks>
public interface ILiveAuthorizer
{
    /// <summary>Evaluates <paramref name="requirements"/> (all must pass) for <paramref name="user"/>.</summary>
    /// <param name="user">The connection's user (an unauthenticated principal for anonymous connections).</param>
    /// <param name="requirements">The requirements; never empty (the runtime does not call for nothing).</param>
    /// <param name="resource">The object acted on (the component instance, or the room), passed to policy handlers.</param>
    /// <returns>Whether the user passed, and if not, which requirement failed.</returns>
    ValueTask<LiveAuthorizationResult> AuthorizeAsync(ClaimsPrincipal user, IReadOnlyList<AuthorizeData> requirements, object resource);
}
