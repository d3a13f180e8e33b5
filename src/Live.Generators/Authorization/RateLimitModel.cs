namespace Live.Generators.Authorization;

/// <summary>An action's <c>[RateLimit]</c>, validated (both numbers at least 1).</summary>
/// <param name="Permits">Calls allowed per window.</param>
/// <param name="PerSeconds">The window in seconds.</param>
/// <param name="PerUser">Whether the limit is shared across a user's connections.</param>
internal sealed record RateLimitModel(int Permits, int PerSeconds, bool PerUser);
