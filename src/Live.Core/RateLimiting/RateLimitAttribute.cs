namespace Live;

/// <summary>
/// Limits how often a <see cref="PublicActionAttribute">public action</see> may be called: at most
/// <see cref="Permits"/> calls in each window of <see cref="PerSeconds"/> seconds, per connection (or, with
/// <see cref="PerUser"/>, per signed-in user across all their connections). A call over the limit is not run and
/// gets a <c>rate_limited</c> error whose <c>retryAfterMs</c> says when to try again. The source generator reads the
/// attribute at compile time and reports non-positive arguments (LIVE021).
/// </summary>
/// <example>
/// <code>
/// [PublicAction, RateLimit(permits: 5, perSeconds: 10)]
/// public void ClearAll() =&gt; Todos = [];
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Method, Inherited = false, AllowMultiple = false)]
public sealed class RateLimitAttribute : Attribute
{
    /// <summary>Allows <paramref name="permits"/> calls per window of <paramref name="perSeconds"/> seconds.</summary>
    /// <param name="permits">Calls allowed per window; at least 1.</param>
    /// <param name="perSeconds">The window length in seconds; at least 1.</param>
    public RateLimitAttribute(int permits, int perSeconds)
    {
        Permits = permits;
        PerSeconds = perSeconds;
    }

    /// <summary>Calls allowed per window.</summary>
    public int Permits { get; }

    /// <summary>The window length in seconds.</summary>
    public int PerSeconds { get; }

    /// <summary>
    /// When <see langword="true"/>, the limit is shared by all connections of one signed-in user (identified by the
    /// <c>NameIdentifier</c> or <c>sub</c> claim, else the user name). Anonymous connections are then limited per connection.
    /// </summary>
    public bool PerUser { get; set; }
}
