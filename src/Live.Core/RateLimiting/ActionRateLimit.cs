using System.ComponentModel;

namespace Live.RateLimiting;

/// <summary>
/// The <c>[RateLimit]</c> of one action as plain data, emitted by the source generator into the action's descriptor.
/// </summary>
/// <param name="Permits">Calls allowed per window.</param>
/// <param name="Window">The window length.</param>
/// <param name="PerUser">Whether the limit is shared by all connections of one user.</param>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed record ActionRateLimit(int Permits, TimeSpan Window, bool PerUser = false)
{
    /// <summary>Describes the limit for error messages.</summary>
    /// <returns>For example <c>5 calls per 10 s per connection</c>.</returns>
    public override string ToString() =>
        $"{Permits} call{(Permits == 1 ? string.Empty : "s")} per {Window.TotalSeconds:0.###} s per {(PerUser ? "user" : "connection")}";
}
