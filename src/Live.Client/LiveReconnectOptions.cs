namespace Live.Client;

/// <summary>
/// How a <see cref="LiveConnection"/> reconnects after the connection ends without the client closing it: waits with
/// exponential backoff and full jitter, opens a new WebSocket, and brings every mounted component back — resumed,
/// rehydrated from its signed state, or mounted afresh (see <see cref="LiveComponentHandle.Restored"/>).
/// </summary>
public sealed class LiveReconnectOptions
{
    /// <summary>Whether to reconnect at all. Default <see langword="false"/>: the connection ends, as before.</summary>
    public bool Enabled { get; set; }

    /// <summary>The backoff's first step: attempt <c>n</c> waits a random time between 0 and <c>min(MaxDelay, BaseDelay × 2^n)</c>. Default 500 ms.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest wait between two attempts. Default 30 s.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How many attempts before the connection ends for good (<see cref="LiveConnection.Closed"/>). Default unlimited.</summary>
    public int MaxAttempts { get; set; } = int.MaxValue;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(BaseDelay, TimeSpan.Zero, nameof(BaseDelay));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxDelay, BaseDelay, nameof(MaxDelay));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxAttempts, 1, nameof(MaxAttempts));
    }

    /// <summary>The wait before attempt <paramref name="attempt"/> (0-based): full jitter over the capped exponential.</summary>
    internal TimeSpan DelayFor(int attempt, Random random)
    {
        var cap = Math.Min(MaxDelay.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 30)));
        return TimeSpan.FromMilliseconds(random.NextDouble() * cap);
    }
}
