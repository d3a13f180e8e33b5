using System.Net.WebSockets;

namespace Live.Client;

/// <summary>How a <see cref="LiveConnection"/> ended.</summary>
public sealed class LiveCloseInfo
{
    internal LiveCloseInfo(WebSocketCloseStatus? status, string? description, Exception? error)
    {
        Status = status;
        Description = description;
        Error = error;
    }

    /// <summary>
    /// The close code the server sent, e.g. <c>1000</c> (normal), <c>1001</c> (server shutting down), <c>4000</c> (idle)
    /// or <c>4001</c> (client too slow); <see langword="null"/> when the connection broke without a close handshake.
    /// </summary>
    public WebSocketCloseStatus? Status { get; }

    /// <summary>The reason text the server sent with its close code, if any.</summary>
    public string? Description { get; }

    /// <summary>The transport error that broke the connection, when it did not close cleanly.</summary>
    public Exception? Error { get; }

    /// <inheritdoc />
    public override string ToString() =>
        Status is { } status ? $"{(int)status} {Description}".TrimEnd() : $"aborted: {Error?.Message ?? "no close handshake"}";
}
