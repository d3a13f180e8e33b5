namespace Live.Client;

/// <summary>
/// The connection to a Live server could not be established: the server refused the WebSocket upgrade (for example
/// because it does not speak <c>live.v1</c>), or the endpoint could not be reached.
/// </summary>
public sealed class LiveConnectException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="uri">The endpoint that was dialed.</param>
    /// <param name="statusCode">The HTTP status the server answered the upgrade request with, if it answered.</param>
    /// <param name="reason">The server's <c>X-Live-Error</c> header, or another description of the failure.</param>
    /// <param name="innerException">The transport exception.</param>
    public LiveConnectException(Uri uri, int? statusCode, string? reason, Exception? innerException)
        : base(FormatMessage(uri, statusCode, reason), innerException)
    {
        Uri = uri;
        StatusCode = statusCode;
        Reason = reason;
    }

    /// <summary>The endpoint that was dialed.</summary>
    public Uri Uri { get; }

    /// <summary>The HTTP status code of the refusal (e.g. <c>400</c>); <see langword="null"/> when no HTTP answer came.</summary>
    public int? StatusCode { get; }

    /// <summary>Why the server refused, from its <c>X-Live-Error</c> header, e.g. <c>unsupported protocol …</c>.</summary>
    public string? Reason { get; }

    private static string FormatMessage(Uri uri, int? statusCode, string? reason) => statusCode switch
    {
        null => $"Could not connect to the Live endpoint {uri}: {reason ?? "no answer"}.",
        _ => $"The Live endpoint {uri} refused the connection with HTTP {statusCode}: {reason ?? "no reason given"}.",
    };
}
