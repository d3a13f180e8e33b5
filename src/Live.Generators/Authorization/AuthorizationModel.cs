using Live.Generators.Model;

namespace Live.Generators.Authorization;

/// <summary>The authorization attributes of a component class or an action.</summary>
/// <param name="Authorize">The <c>[Authorize]</c> attributes, in declaration order.</param>
/// <param name="AllowAnonymous">Whether <c>[AllowAnonymous]</c> is present.</param>
internal sealed record AuthorizationModel(EquatableArray<AuthorizeModel> Authorize, bool AllowAnonymous)
{
    public static AuthorizationModel None { get; } = new(EquatableArray<AuthorizeModel>.Empty, false);

    public bool IsEmpty => Authorize.IsEmpty && !AllowAnonymous;
}
