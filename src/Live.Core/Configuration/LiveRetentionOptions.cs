namespace Live;

/// <summary>
/// Retention: how long the per-connection instances of a dropped connection are kept so their client can
/// <c>resume</c> them, and how many. Bound from <c>Live:Retention</c>; see <c>docs/components.md#retention</c>.
/// </summary>
public sealed class LiveRetentionOptions
{
    /// <summary>
    /// How long an instance is kept after its connection went away. <see cref="TimeSpan.Zero"/> turns retention off
    /// (instances are destroyed when their connection closes). Default 60 s.
    /// </summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The most instances kept for one signed-in user; the oldest is destroyed first. Default 32.</summary>
    public int MaxPerUser { get; set; } = 32;

    /// <summary>The most instances kept in total (anonymous ones included); the oldest is destroyed first. Default 10,000.</summary>
    public int MaxTotal { get; set; } = 10_000;

    /// <summary>
    /// The most patches buffered for a kept instance. A client whose gap is longer gets the full state on resume
    /// instead of the patches. Default 64.
    /// </summary>
    public int MaxBufferedPatches { get; set; } = 64;
}
