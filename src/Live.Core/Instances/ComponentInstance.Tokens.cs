using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Live.Connections;
using Live.Protocol;
using Microsoft.Extensions.Logging;

namespace Live.Instances;

/// <summary>
/// The signed-state side of a per-connection instance: its state tokens (throttled), its resume secret, and
/// restoring the state a <c>rehydrate</c> brought back. Everything here runs on the instance's queue.
/// </summary>
internal sealed partial class ComponentInstance
{
    private string? resumeSecret;
    private long tokenVersion = -1;
    private long lastTokenTimestamp;
    private bool tokenDue;
    private ITimer? tokenTimer;

    /// <summary>
    /// Room a <c>rehydrate</c> frame needs besides its token: the envelope, the request id (≤ 64 characters), the
    /// component name and props. A token longer than <c>MaxFrameBytes</c> minus this could never come back.
    /// </summary>
    internal const int RehydrateEnvelopeAllowance = 1024;

    private bool tokenTooLargeLogged;

    /// <summary>
    /// Signs the current state (the runtime's newest key) and notes when, for the throttle. The state JSON comes from
    /// <see cref="CommittedJson"/>: a typed instance serializes it on demand (its cache is dropped on every change).
    /// Returns <see langword="null"/> — nothing signed, nothing to send — when the token would be too large for the
    /// client to send back in a <c>rehydrate</c> (the inbound frame limit): such a token is only bytes on the wire.
    /// The throttle still counts the attempt, so a large state is measured at most once per interval.
    /// </summary>
    private string? SignToken()
    {
        var json = CommittedJson();
        tokenVersion = Version;
        lastTokenTimestamp = host.TimeProvider.GetTimestamp();
        if (host.Signer.MaxTokenLength(Descriptor.Name, Id, json.Length) + RehydrateEnvelopeAllowance > host.Options.Limits.MaxFrameBytes)
        {
            if (!tokenTooLargeLogged)
            {
                tokenTooLargeLogged = true;
                Log.TokenTooLarge(host.Logger, Descriptor.Name, Id, json.Length, host.Options.Limits.MaxFrameBytes);
            }

            return null;
        }

        var token = host.Signer.Sign(Descriptor.Name, Id, Version, json);
        host.Metrics.TokenSigned();
        return token;
    }

    /// <summary>A new resume secret; the previous one stops working.</summary>
    private string RotateResumeSecret() => resumeSecret = InstanceIds.NewSecret();

    private bool ResumeSecretMatches(string presented) =>
        resumeSecret is not null
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(resumeSecret), Encoding.UTF8.GetBytes(presented));

    /// <summary>
    /// After a patch: sends a <c>token</c> now when none went out for <c>TokenInterval</c>, else makes sure one goes
    /// out when the interval ends (trailing), covering whatever the state is then. A burst is signed at most twice.
    /// </summary>
    private void ScheduleToken()
    {
        if (tokenDue)
        {
            return;
        }

        var interval = host.Options.Signing.TokenInterval;
        var since = host.TimeProvider.GetElapsedTime(lastTokenTimestamp);
        if (since >= interval)
        {
            SendToken();
            return;
        }

        tokenDue = true;
        tokenTimer ??= host.TimeProvider.CreateTimer(static s => ((ComponentInstance)s!).OnTokenDue(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        tokenTimer.Change(interval - since, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Whether <see cref="ScheduleToken"/> would send a token at once (the throttle interval has passed).</summary>
    private bool TokenDueNow() =>
        !tokenDue && host.TimeProvider.GetElapsedTime(lastTokenTimestamp) >= host.Options.Signing.TokenInterval;

    private void OnTokenDue() => _ = queue.Enqueue(() =>
    {
        tokenDue = false;
        if (!IsDestroyed && !retained && !attached.IsEmpty && tokenVersion != Version)
        {
            SendToken();
        }

        return Task.CompletedTask;
    });

    private void SendToken()
    {
        var token = SignToken();
        ReleaseJsonCache();
        if (token is null)
        {
            return;
        }

        var frame = ServerMessages.Token(Id, Version, token);
        foreach (var sink in attached)
        {
            sink.TrySend(frame);
        }
    }

    /// <summary>
    /// Puts the token's state in place and runs the rehydrate hook. Returns the error to answer with when the state
    /// no longer fits the state type or the hook refused.
    /// </summary>
    private async Task<ProtocolError?> RestoreAsync(IConnectionSink sink, string requestId, Signing.StateToken seed)
    {
        try
        {
            using var document = JsonDocument.Parse(seed.StateJson);
            Component.ReadState(document.RootElement, host.SerializerOptions);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException or ArgumentException)
        {
            Log.TokenStateInvalid(host.Logger, ex, Descriptor.Name, requestId);
            return new ProtocolError(ErrorCodes.TokenStateInvalid, $"The token's state does not fit the current state of '{Descriptor.Name}' (the app changed since it was signed); mount afresh.");
        }

        try
        {
            await Component.RunRehydrateAsync(new RehydrateContext(sink.Context, seed.Version, seed.IssuedAt)).ConfigureAwait(false);
            return null;
        }
        catch (Exception ex)
        {
            Log.HookFailed(host.Logger, ex, "OnRehydrateAsync", Descriptor.Name, Id);
            return host.Failure(ErrorCodes.MountFailed, $"Rehydrating '{Descriptor.Name}' failed", ex);
        }
    }

    private void StopTimers()
    {
        tokenTimer?.Dispose();
        tokenTimer = null;
        expiryTimer?.Dispose();
        expiryTimer = null;
    }

    private static partial class Log
    {
        [LoggerMessage(6, LogLevel.Information, "A rehydrate token for '{Component}' (request {RequestId}) carries state that no longer deserializes")]
        public static partial void TokenStateInvalid(ILogger logger, Exception exception, string component, string requestId);

        [LoggerMessage(10, LogLevel.Information, "The state of '{Component}' instance {Instance} ({StateBytes} bytes of JSON) is too large for a state token the client could send back within MaxFrameBytes ({MaxFrameBytes}); it gets no tokens while it stays this large, so it can resume but not rehydrate")]
        public static partial void TokenTooLarge(ILogger logger, string component, string instance, int stateBytes, int maxFrameBytes);
    }
}
