using System.Text.Json;

namespace Live.Client;

/// <summary>
/// The server answered a request with an <c>error</c> message. Errors change nothing on the server and leave the
/// connection open; <see cref="Code"/> says what went wrong (see docs/protocol.md for the codes).
/// </summary>
public sealed class LiveErrorException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="code">The wire error code, e.g. <c>invalid_args</c>.</param>
    /// <param name="message">The server's human-readable message.</param>
    /// <param name="requestId">The id of the request the error answers.</param>
    /// <param name="argument">The argument at fault, for <c>invalid_args</c>.</param>
    public LiveErrorException(string code, string message, string? requestId, string? argument)
        : base(message)
    {
        Code = code;
        RequestId = requestId;
        Argument = argument;
    }

    /// <summary>The wire error code, e.g. <c>unknown_action</c>, <c>invalid_args</c>, <c>instance_not_found</c>.</summary>
    public string Code { get; }

    /// <summary>The id of the request this error answers; <see langword="null"/> for errors that match no request.</summary>
    public string? RequestId { get; }

    /// <summary>The name of the argument at fault, when the server named one (<c>invalid_args</c>).</summary>
    public string? Argument { get; }

    /// <summary>
    /// For <c>rate_limited</c>: how long to wait before the same call can succeed (the server's <c>retryAfterMs</c>);
    /// otherwise <see langword="null"/>.
    /// </summary>
    public TimeSpan? RetryAfter { get; init; }

    internal static LiveErrorException FromMessage(JsonElement error, string description)
    {
        var code = error.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString()! : "unknown";
        var text = error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
        var id = error.TryGetProperty("id", out var i) && i.ValueKind == JsonValueKind.String ? i.GetString() : null;
        var argument = error.TryGetProperty("argument", out var a) && a.ValueKind == JsonValueKind.String ? a.GetString() : null;
        TimeSpan? retryAfter = error.TryGetProperty("retryAfterMs", out var r) && r.ValueKind == JsonValueKind.Number && r.TryGetInt32(out var ms) && ms >= 0
            ? TimeSpan.FromMilliseconds(ms)
            : null;
        return new LiveErrorException(code, $"{description} failed with {code}: {text ?? "no message"}", id, argument) { RetryAfter = retryAfter };
    }
}
