using System.Collections.Frozen;
using Live.Registration;

namespace Live.Authorization;

/// <summary>
/// The authorization rules of one component, resolved once from its attributes: what mounting (and rehydrating)
/// requires, and what each action requires.
/// </summary>
/// <remarks>
/// Class-level <c>[Authorize]</c> applies to mount and every action; an action's own <c>[Authorize]</c> adds to it.
/// <c>[AllowAnonymous]</c> on an action removes every requirement of that action (including the write policy);
/// on the class it lifts the class-level <c>[Authorize]</c> (e.g. inherited from a base class) but never an action's
/// own <c>[Authorize]</c> — unlike MVC controllers, an explicit requirement on an action is never silently dropped.
/// </remarks>
internal sealed class ComponentAuthorization
{
    public ComponentAuthorization(ComponentDescriptor descriptor)
    {
        MountRequirements = descriptor.AllowAnonymous ? [] : [.. descriptor.Authorize];
        ActionRequirements = descriptor.Actions.Values.ToFrozenDictionary(
            a => a.Name,
            a => a.AllowAnonymous ? (IReadOnlyList<AuthorizeData>)[] : [.. MountRequirements, .. a.Authorize],
            StringComparer.Ordinal);
        WriteRequirements = descriptor.WritePolicy is { } policy ? [new AuthorizeData(Policy: policy)] : [];
    }

    /// <summary>What mounting or rehydrating requires (empty: anyone).</summary>
    public IReadOnlyList<AuthorizeData> MountRequirements { get; }

    /// <summary>What each action requires, by wire name (empty: anyone who mounted).</summary>
    public FrozenDictionary<string, IReadOnlyList<AuthorizeData>> ActionRequirements { get; }

    /// <summary>The write policy as a requirement (empty: none).</summary>
    public IReadOnlyList<AuthorizeData> WriteRequirements { get; }
}
