namespace Live.Generators.Authorization;

/// <summary>One <c>[Authorize]</c> attribute as read at compile time.</summary>
/// <param name="Policy">The policy name, or <see langword="null"/>.</param>
/// <param name="Roles">The comma-separated roles, or <see langword="null"/>.</param>
internal sealed record AuthorizeModel(string? Policy, string? Roles);
