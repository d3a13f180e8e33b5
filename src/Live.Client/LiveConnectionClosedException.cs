using System.Net.WebSockets;

namespace Live.Client;

/// <summary>
/// The connection closed before a request was answered, or a request was made on a closed connection.
/// </summary>
public sealed class LiveConnectionClosedException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="closeStatus">The close code the server sent, if any.</param>
    /// <param name="closeDescription">The reason text the server sent, if any.</param>
    /// <param name="innerException">The transport error, when the connection broke.</param>
    public LiveConnectionClosedException(WebSocketCloseStatus? closeStatus, string? closeDescription, Exception? innerException)
        : base(FormatMessage(closeStatus, closeDescription), innerException)
    {
        CloseStatus = closeStatus;
        CloseDescription = closeDescription;
    }

    /// <summary>The close code the server sent (e.g. <c>1001</c>, <c>4001</c>); <see langword="null"/> when it broke.</summary>
    public WebSocketCloseStatus? CloseStatus { get; }

    /// <summary>The reason text that came with the close code.</summary>
    public string? CloseDescription { get; }

    internal static LiveConnectionClosedException From(LiveCloseInfo info) => new(info.Status, info.Description, info.Error);

    private static string FormatMessage(WebSocketCloseStatus? status, string? description) => status switch
    {
        null => "The Live connection was lost.",
        _ => $"The Live connection closed with {(int)status}: {description ?? "no reason given"}.",
    };
}
