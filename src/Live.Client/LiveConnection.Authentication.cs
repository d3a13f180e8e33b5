using System.Globalization;
using Live.Client.Protocol;

namespace Live.Client;

/// <summary>Handing the server a fresh token on an open connection.</summary>
public sealed partial class LiveConnection
{
    /// <summary>
    /// Sends a <c>refresh</c> with a fresh bearer token, before the connection's authentication expires. The server
    /// re-validates it with the scheme that authenticated the connection; when the token is valid and for the same
    /// user it becomes the connection's, otherwise the server closes the connection with code 4401 (and this task
    /// fails with <see cref="LiveConnectionClosedException"/>).
    /// </summary>
    /// <param name="token">The new token, as the app's authentication scheme expects it (e.g. a JWT).</param>
    /// <param name="ct">Stops waiting for the answer.</param>
    /// <returns>When the new authentication expires, or <see langword="null"/> when it does not.</returns>
    public async Task<DateTimeOffset?> RefreshAsync(string token, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        var id = NextRequestId();
        var answer = await SendRequestAsync(id, ClientMessages.Refresh(id, token), $"refresh (request {id})", MessageTypes.Refreshed, null, ct).ConfigureAwait(false);
        return answer.TryGetProperty("expiresAt", out var expiresAt) && expiresAt.GetString() is { } text
            ? DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal)
            : null;
    }
}
