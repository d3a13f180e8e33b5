namespace Live.Protocol;

/// <summary>An error to answer a request with: a wire code, a message for people, and optionally the argument at fault.</summary>
internal sealed record ProtocolError(string Code, string Message, string? Argument = null, int? RetryAfterMs = null);
