using Live.Authentication;
using Live.Protocol;
using Microsoft.Extensions.Logging;

namespace Live.Connections;

/// <summary>
/// The authentication side of a session: the handshake timeout, the expiry of the connection's authentication, and
/// <c>refresh</c>. Every refusal closes with 4401; the principal only ever comes from the transport's authentication.
/// </summary>
internal sealed partial class ConnectionSession
{
    // Timers cannot be due further out than about 49 days; a far expiry is re-checked when this much has passed.
    private static readonly TimeSpan LongestTimerWait = TimeSpan.FromDays(20);

    // Created by the first refresh: most connections never send one, and an idle connection should not hold it.
    private SemaphoreSlim? refreshGate;
    private ConnectionIdentity identity = null!;
    private string? userKey;
    private DateTimeOffset? expiresAt;
    private ITimer? expiryTimer;
    private ITimer? handshakeTimer;

    /// <summary>When the connection's authentication expires, if it does.</summary>
    public DateTimeOffset? AuthenticationExpiresAt
    {
        get
        {
            lock (gate)
            {
                return expiresAt;
            }
        }
    }

    /// <summary>Called for every parsed request (any message but <c>ping</c>): the handshake is over.</summary>
    public void OnRequest()
    {
        if (Volatile.Read(ref handshakeTimer) is not null)
        {
            Interlocked.Exchange(ref handshakeTimer, null)?.Dispose();
        }
    }

    /// <summary>
    /// Re-validates <paramref name="token"/> with the connection's authentication and, when it is valid and for the
    /// same user, makes it the connection's principal and answers <c>refreshed</c>; otherwise closes with 4401.
    /// </summary>
    public async Task RefreshAsync(string id, string token)
    {
        var authenticator = identity.Authenticator;
        if (userKey is null || authenticator is null)
        {
            Log.RefreshRefused(runtime.Logger, Context.ConnectionId, "the connection's authentication cannot be refreshed");
            _ = CloseAsync(CloseCodes.AuthenticationFailed, userKey is null
                ? "Refresh refused: the connection is anonymous; reconnect to sign in."
                : "Refresh refused: this connection's authentication cannot be refreshed.");
            return;
        }

        var gate = LazyInitializer.EnsureInitialized(ref refreshGate, static () => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(Context.ConnectionAborted).ConfigureAwait(false);
        try
        {
            var result = await authenticator.AuthenticateAsync(token, Context.ConnectionAborted).ConfigureAwait(false);
            if (result.User is null)
            {
                Log.RefreshRefused(runtime.Logger, Context.ConnectionId, result.Failure ?? "invalid token");
                _ = CloseAsync(CloseCodes.AuthenticationFailed, runtime.DetailedErrors && result.Failure is { } failure
                    ? Clip("Refresh refused: " + failure)
                    : "Refresh refused: the token is invalid or expired.");
                return;
            }

            if (!string.Equals(UserKeys.Of(result.User), userKey, StringComparison.Ordinal))
            {
                Log.RefreshRefused(runtime.Logger, Context.ConnectionId, "the token is for another user");
                _ = CloseAsync(CloseCodes.AuthenticationFailed, "Refresh refused: the token is for another user; reconnect to switch.");
                return;
            }

            Context.User = result.User;
            SetExpiry(result.ExpiresAt);
            TrySend(ServerMessages.Refreshed(id, result.ExpiresAt));
        }
        finally
        {
            gate.Release();
        }
    }

    private void StartAuthenticationTimers()
    {
        handshakeTimer = runtime.TimeProvider.CreateTimer(static s => ((ConnectionSession)s!).OnHandshakeTimeout(), this, runtime.Options.HandshakeTimeout, Timeout.InfiniteTimeSpan);
        SetExpiry(identity.ExpiresAt);
    }

    private void StopAuthenticationTimers()
    {
        Interlocked.Exchange(ref handshakeTimer, null)?.Dispose();
        lock (gate)
        {
            expiryTimer?.Dispose();
            expiryTimer = null;
        }
    }

    private void SetExpiry(DateTimeOffset? expires)
    {
        lock (gate)
        {
            expiresAt = expires;
            if (expires is null)
            {
                expiryTimer?.Dispose();
                expiryTimer = null;
                return;
            }

            var due = expires.Value - runtime.TimeProvider.GetUtcNow();
            due = due < TimeSpan.Zero ? TimeSpan.Zero : due > LongestTimerWait ? LongestTimerWait : due;
            if (expiryTimer is null)
            {
                expiryTimer = runtime.TimeProvider.CreateTimer(static s => ((ConnectionSession)s!).OnExpiryTimer(), this, due, Timeout.InfiniteTimeSpan);
            }
            else
            {
                expiryTimer.Change(due, Timeout.InfiniteTimeSpan);
            }
        }
    }

    private void OnExpiryTimer()
    {
        DateTimeOffset? expires;
        lock (gate)
        {
            expires = expiresAt;
        }

        if (expires is null)
        {
            return;
        }

        if (expires > runtime.TimeProvider.GetUtcNow())
        {
            // Refreshed meanwhile, or a far expiry checked early: wait for the rest.
            SetExpiry(expires);
            return;
        }

        Log.AuthenticationExpired(runtime.Logger, Context.ConnectionId, expires.Value);
        _ = CloseAsync(CloseCodes.AuthenticationFailed, "Authentication expired: send refresh with a new token before it expires.");
    }

    private void OnHandshakeTimeout()
    {
        if (Interlocked.Exchange(ref handshakeTimer, null) is not { } timer)
        {
            return;
        }

        timer.Dispose();
        Log.HandshakeTimeout(runtime.Logger, Context.ConnectionId, runtime.Options.HandshakeTimeout);
        _ = CloseAsync(CloseCodes.HandshakeTimeout, $"Handshake timeout: no request within {runtime.Options.HandshakeTimeout.TotalSeconds:0.#} s of connecting.");
    }

    // A close reason must fit in 123 bytes of UTF-8: printable ASCII only, clipped.
    private static string Clip(string reason)
    {
        var ascii = new string([.. reason.Select(c => c is >= ' ' and <= '~' ? c : '?')]);
        return ascii.Length <= 110 ? ascii : ascii[..110] + "...";
    }
}
