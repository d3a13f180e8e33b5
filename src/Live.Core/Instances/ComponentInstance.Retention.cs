using System.Security.Claims;
using Live.Connections;
using Live.Protocol;
using Microsoft.Extensions.Logging;

namespace Live.Instances;

/// <summary>
/// Retention of a per-connection instance: kept after its connection went away, buffering the patches it makes
/// meanwhile, until its client resumes it or the window ends. Everything here runs on the instance's queue.
/// </summary>
internal sealed partial class ComponentInstance
{
    private bool retained;
    private long retainedFromVersion;
    private List<(long Version, byte[] Frame)>? missedPatches;
    private bool missedOverflowed;
    private ITimer? expiryTimer;

    /// <summary>The user a kept instance belongs to, for the per-user bound (<see langword="null"/>: anonymous).</summary>
    public string? RetainedUserKey { get; private set; }

    /// <summary>
    /// Resumes the instance on <paramref name="sink"/>: it must be kept (or still attached to another, half-dead
    /// connection), <paramref name="secret"/> must be its resume secret and the user the same. Sends the missed
    /// patches and <c>resumed</c> (or <c>resumed</c> with the full state). The mount's authorization is checked again
    /// (the user's roles or claims may have changed while the connection was away). Answers
    /// <see cref="ResumeOutcome.Refused"/>, having sent nothing, when the instance, secret or user do not match, and
    /// <see cref="ResumeOutcome.Denied"/>, having sent the denial, when the user may no longer mount the component;
    /// in both cases nothing changed (a kept instance stays kept until its window ends).
    /// </summary>
    public Task<ResumeOutcome> ResumeAsync(IConnectionSink sink, string requestId, string secret, long clientVersion) => queue.Enqueue(async () =>
    {
        if (IsDestroyed || Descriptor.Singleton || !initialized || lastConnection is null
            || !ResumeSecretMatches(secret)
            || !SameUser(sink.Context.User, lastConnection.User))
        {
            return ResumeOutcome.Refused;
        }

        if (await host.Authorization.AuthorizeMountAsync(sink.Context, Descriptor, Component).ConfigureAwait(false) is { } denied)
        {
            sink.TrySend(ServerMessages.Error(requestId, denied));
            return ResumeOutcome.Denied;
        }

        if (retained)
        {
            retained = false;
            expiryTimer?.Dispose();
            expiryTimer = null;
            host.Retention.Release(this);
        }
        else if (attached.Length == 1 && !ReferenceEquals(attached[0], sink))
        {
            // The old connection is half-dead (the client gave up on it before the server noticed): move over.
            var previous = attached[0];
            attached = [];
            previous.Forget(Id);
            host.Metrics.Unmounted(Descriptor.Name, 1);

            // Its room memberships move over too: held off the old connection here, taken up below.
            await KeepRoomsAsync(previous).ConfigureAwait(false);
        }
        else
        {
            return ResumeOutcome.Refused;
        }

        // An anonymous connection takes over the guest id the instance had (unless it is in use as another guest).
        var samePresenceUser = Presence.UserIdentity.TakeOver(sink.Context, lastConnection);
        attached = [sink];
        host.Metrics.Mounted(Descriptor.Name);
        Component.CurrentConnection = sink.Context;
        lastConnection = sink.Context;

        var replay = CanReplayFrom(clientVersion);
        if (replay)
        {
            foreach (var (version, frame) in missedPatches ?? [])
            {
                if (version > clientVersion)
                {
                    sink.TrySend(frame);
                }
            }
        }

        missedPatches = null;
        missedOverflowed = false;
        sink.TrySend(ServerMessages.Resumed(requestId, Id, Version, RotateResumeSecret(), SignToken(), replay ? null : (ReadOnlyMemory<byte>?)CommittedJson()));
        ReleaseJsonCache();
        host.Metrics.Resumed(replay ? "patches" : "state");
        Log.Resumed(host.Logger, Descriptor.Name, Id, replay);

        // Back in its rooms after the client has the instance again (each room sends a joined snapshot).
        await RestoreRoomsAsync(sink, samePresenceUser).ConfigureAwait(false);
        return ResumeOutcome.Resumed;
    });

    /// <summary>Ends the retention of a kept instance: runs the disconnect hook with <paramref name="reason"/>, then destroys it.</summary>
    public Task ReleaseRetainedAsync(DisconnectReason reason) => queue.Enqueue(async () =>
    {
        if (!retained || IsDestroyed)
        {
            return;
        }

        retained = false;
        host.Retention.Release(this);
        Log.RetentionEnded(host.Logger, Descriptor.Name, Id, reason);
        var connection = lastConnection!;
        Component.CurrentConnection = connection;
        try
        {
            await Component.RunDisconnectAsync(new DisconnectContext(connection, reason)).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Log.HookFailed(host.Logger, ex, "OnDisconnectAsync", Descriptor.Name, Id);
        }

        // After the hook, which may still write to its rooms (the user is a member until now).
        await ReleaseRoomsAsync().ConfigureAwait(false);
        await DestroyOnQueueAsync().ConfigureAwait(false);
    });

    /// <summary>
    /// Whether a resume comes from the same user: the same user key (name identifier, else name; see
    /// <see cref="Authentication.UserKeys"/>), and anonymous only where it was anonymous.
    /// </summary>
    internal static bool SameUser(ClaimsPrincipal current, ClaimsPrincipal before) =>
        (current.Identity?.IsAuthenticated ?? false) == (before.Identity?.IsAuthenticated ?? false)
        && string.Equals(Authentication.UserKeys.Of(current), Authentication.UserKeys.Of(before), StringComparison.Ordinal);

    /// <summary>Keeps the instance after its connection went away (the connection is already detached).</summary>
    private void Retain(LiveConnectionContext connection)
    {
        retained = true;
        retainedFromVersion = Version;
        missedPatches = [];
        missedOverflowed = false;
        lastConnection = connection;
        RetainedUserKey = Authentication.UserKeys.Of(connection.User);
        expiryTimer = host.TimeProvider.CreateTimer(
            static s => _ = ((ComponentInstance)s!).ReleaseRetainedAsync(DisconnectReason.RetentionExpired),
            this,
            host.Retention.Window,
            Timeout.InfiniteTimeSpan);
        Log.Kept(host.Logger, Descriptor.Name, Id, host.Retention.Window);
        foreach (var evicted in host.Retention.Keep(this, RetainedUserKey))
        {
            _ = evicted.ReleaseRetainedAsync(DisconnectReason.RetentionEvicted);
        }
    }

    /// <summary>Buffers a patch made while kept, up to the bound; past it the client gets the full state on resume.</summary>
    private void BufferMissedPatch(byte[] frame)
    {
        if (missedOverflowed || missedPatches is null)
        {
            return;
        }

        if (missedPatches.Count >= host.Retention.MaxBufferedPatches)
        {
            missedOverflowed = true;
            missedPatches = null;
            return;
        }

        missedPatches.Add((Version, frame));
    }

    /// <summary>Whether the patches after <paramref name="clientVersion"/> are all buffered (or none are missing).</summary>
    private bool CanReplayFrom(long clientVersion)
    {
        if (clientVersion == Version)
        {
            return true;
        }

        return !missedOverflowed && missedPatches is not null && clientVersion >= retainedFromVersion && clientVersion < Version;
    }

    private static partial class Log
    {
        [LoggerMessage(7, LogLevel.Debug, "Instance {InstanceId} of '{Component}' resumed ({WithPatches} = missed patches replayed)")]
        public static partial void Resumed(ILogger logger, string component, string instanceId, bool withPatches);

        [LoggerMessage(9, LogLevel.Debug, "Instance {InstanceId} of '{Component}' lost its connection and is kept for {Window} for a resume")]
        public static partial void Kept(ILogger logger, string component, string instanceId, TimeSpan window);

        [LoggerMessage(8, LogLevel.Debug, "Instance {InstanceId} of '{Component}' is no longer kept for a resume: {Reason}")]
        public static partial void RetentionEnded(ILogger logger, string component, string instanceId, DisconnectReason reason);
    }
}
