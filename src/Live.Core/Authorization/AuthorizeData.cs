namespace Live.Authorization;

/// <summary>
/// One <c>[Authorize]</c> attribute as plain data: the policy it names and the roles it lists. The Live source
/// generator reads the attributes on components and actions at compile time and emits them as these values, so
/// nothing is looked up by reflection at run time. Several of them must all be satisfied (as in ASP.NET Core);
/// the roles inside one are alternatives.
/// </summary>
/// <param name="Policy">The policy name, or <see langword="null"/> for the default policy (an authenticated user unless the app changed it).</param>
/// <param name="Roles">Comma-separated roles of which the user needs at least one, or <see langword="null"/>.</param>
public sealed record AuthorizeData(string? Policy = null, string? Roles = null)
{
    /// <summary>Describes the attribute as the author wrote it, for error messages and start-up reports.</summary>
    /// <returns>For example <c>[Authorize(Policy = "owner")]</c>.</returns>
    public override string ToString()
    {
        var parts = new List<string>(2);
        if (Policy is not null)
        {
            parts.Add($"Policy = \"{Policy}\"");
        }

        if (Roles is not null)
        {
            parts.Add($"Roles = \"{Roles}\"");
        }

        return parts.Count == 0 ? "[Authorize]" : $"[Authorize({string.Join(", ", parts)})]";
    }
}
