namespace Live;

/// <summary>Per-connection limits. Each has a safe default; see <c>docs/configuration.md</c>.</summary>
public sealed class LiveLimits
{
    /// <summary>The largest frame accepted, in bytes; larger frames get <c>frame_too_large</c>. Default 64 KiB.</summary>
    public int MaxFrameBytes { get; set; } = 64 * 1024;

    /// <summary>The deepest JSON nesting accepted in a frame. Default 32.</summary>
    public int MaxJsonDepth { get; set; } = 32;

    /// <summary>The most components one connection may have mounted at once. Default 64.</summary>
    public int MaxComponentsPerConnection { get; set; } = 64;

    /// <summary>The most requests one connection may have in progress at once; more get <c>server_busy</c>. Default 32.</summary>
    public int MaxPendingRequestsPerConnection { get; set; } = 32;

    /// <summary>
    /// The most connections one authenticated user may have open on this server at once; an upgrade past it is
    /// refused with HTTP 429. Users are told apart by their name identifier (<c>sub</c>) claim, else their name;
    /// anonymous connections are not counted. <see langword="null"/> (the default) means no limit.
    /// </summary>
    public int? MaxConnectionsPerUser { get; set; }

    /// <summary>
    /// How many frames per second one connection may send, on average (a token bucket refilled ten times a second).
    /// Frames over the limit are answered with <c>rate_limited</c> and not handled. Default 100.
    /// </summary>
    public int InboundFramesPerSecond { get; set; } = 100;

    /// <summary>How many frames one connection may send in a burst above the average rate. Default 200.</summary>
    public int InboundFrameBurst { get; set; } = 200;

    /// <summary>
    /// How many rate-limited frames in a row close the connection with code 4008 (sustained abuse). Default 200.
    /// </summary>
    public int MaxConsecutiveRateLimitedFrames { get; set; } = 200;

    /// <summary>
    /// The most messages waiting to be sent to one connection. A client that stops reading is disconnected with
    /// close code 4001 when its queue reaches this bound, so it cannot grow server memory. Default 1024.
    /// </summary>
    public int SendQueueCapacity { get; set; } = 1024;
}
