namespace Live.Protocol;

/// <summary>WebSocket close codes Live uses, as documented in <c>docs/protocol.md</c>.</summary>
public static class CloseCodes
{
    /// <summary>Normal closure.</summary>
    public const int Normal = 1000;

    /// <summary>The server is shutting down.</summary>
    public const int GoingAway = 1001;

    /// <summary>The server hit an unexpected condition.</summary>
    public const int InternalError = 1011;

    /// <summary>No frame was received within the client timeout.</summary>
    public const int IdleTimeout = 4000;

    /// <summary>The client did not read its messages and the send queue reached its bound.</summary>
    public const int SendQueueFull = 4001;

    /// <summary>The client sent no request within the handshake timeout after connecting.</summary>
    public const int HandshakeTimeout = 4002;

    /// <summary>
    /// The connection's authentication expired without a refresh, or a <c>refresh</c> was refused (invalid or
    /// expired token, another user's token, or a connection whose authentication cannot be refreshed).
    /// </summary>
    public const int AuthenticationFailed = 4401;

    /// <summary>The client kept sending past its rate limit.</summary>
    public const int RateLimitExceeded = 4008;
}
