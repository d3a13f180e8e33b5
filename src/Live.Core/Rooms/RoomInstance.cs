using System.Text.Json.Nodes;
using Live.Connections;
using Live.Hosting;
using Live.Instances;
using Live.Presence;
using Live.Protocol;
using Microsoft.Extensions.Logging;

namespace Live.Rooms;

/// <summary>
/// One live room: its members, its shared state and presence (synced as one document under a pseudo-instance id, so
/// clients apply its patches, detect version gaps and resync exactly as for a component), its typed-room object if any,
/// and its cleanup timer. Everything runs on the room's <see cref="SerialQueue"/>, so nothing else needs a lock.
/// </summary>
internal sealed partial class RoomInstance
{
    private readonly SerialQueue queue = new();
    private readonly RoomManager manager;
    private readonly LiveRuntime runtime;
    private readonly Dictionary<string, RoomConnection> connections = new(StringComparer.Ordinal);
    private readonly PresenceTracker presence = new();
    private RoomConnection[] receivers = [];
    private ITimer? cleanupTimer;

    public RoomInstance(string name, RoomManager manager, LiveRuntime runtime, Registration.RoomDescriptor? descriptor, LiveRoomBase? typed)
    {
        Name = name;
        this.manager = manager;
        this.runtime = runtime;
        Descriptor = descriptor;
        Typed = typed;
        Id = InstanceIds.NewRoomId();
        var configured = runtime.Options.Rooms.MaxMembers;
        MaxMembers = descriptor is { MaxMembers: > 0 } d ? Math.Min(d.MaxMembers, configured) : configured;
        SyncsPresence = descriptor?.Presence ?? true;
    }

    public string Name { get; }

    /// <summary>The pseudo-instance id the room's patches carry.</summary>
    public string Id { get; }

    public Registration.RoomDescriptor? Descriptor { get; }

    public LiveRoomBase? Typed { get; }

    public int MaxMembers { get; }

    /// <summary>Whether the document carries presence; without it, joins and leaves change nothing members see.</summary>
    public bool SyncsPresence { get; }

    public long Version { get; private set; }

    public bool IsDestroyed { get; private set; }

    public bool IsCurrent => queue.IsCurrent;

    /// <summary>Creates the state and runs the created hook; queued first, before anything can reach the room.</summary>
    public Task InitializeAsync() => queue.Enqueue(async () =>
    {
        if (Typed is not null)
        {
            Typed.InitializeState();
            try
            {
                await Typed.RunCreatedAsync().ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                Log.HookFailed(runtime.Logger, ex, "OnCreatedAsync", Name);
            }

            Typed.ResetDirty();
        }

        WriteInitialDocument();
        ScheduleCleanupIfEmpty();
    });

    public Task<RoomJoinOutcome> JoinAsync(IConnectionSink sink, ComponentInstance component, JsonObject? metadata, string? requestId, bool isClientRequest) =>
        queue.Enqueue(async () =>
        {
            if (IsDestroyed)
            {
                return RoomJoinOutcome.RoomDestroyed;
            }

            var connectionId = sink.Context.ConnectionId;
            if (sink.Context.ConnectionAborted.IsCancellationRequested)
            {
                return RoomJoinOutcome.Refused(ErrorCodes.RoomNotJoined, "The connection is closing.");
            }

            if (connections.TryGetValue(connectionId, out var existing))
            {
                // Another component of a connection already in the room: no presence change, but it gets a snapshot.
                if (!existing.Components.Contains(component))
                {
                    existing.Components.Add(component);
                }

                sink.TrySend(ServerMessages.Joined(requestId, Name, component.Id, Id, Version, DocumentJson));
                return RoomJoinOutcome.Success;
            }

            if (!manager.CanTrackAnother(connectionId))
            {
                return RoomJoinOutcome.Refused(ErrorCodes.TooManyRooms, $"This connection is in the maximum of {runtime.Options.Rooms.MaxRoomsPerConnection} rooms; leave one first.");
            }

            var identity = UserIdentity.Of(sink.Context);
            if (!presence.Contains(identity.UserId) && presence.MemberCount >= MaxMembers)
            {
                return RoomJoinOutcome.Refused(ErrorCodes.RoomFull, $"The room '{Name}' is full (at most {MaxMembers} members).");
            }

            if (Typed is not null)
            {
                var context = new RoomJoinContext(sink.Context, identity.UserId, identity.DisplayName, metadata, isClientRequest);
                var before = Typed.CaptureState();
                try
                {
                    await Typed.RunJoinAsync(context).ConfigureAwait(false);
                }
                catch (Exception ex)
                {
                    Typed.RestoreState(before);
                    Log.HookFailed(runtime.Logger, ex, "OnJoinAsync", Name);
                    return new RoomJoinOutcome(false, runtime.Failure(ErrorCodes.RoomJoinRejected, $"Joining '{Name}' failed", ex));
                }

                if (context.IsRejected)
                {
                    Typed.RestoreState(before);
                    return RoomJoinOutcome.Refused(ErrorCodes.RoomJoinRejected, context.RejectReason!);
                }
            }

            presence.AddConnection(identity, metadata, runtime.TimeProvider.GetUtcNow());
            MarkPresenceDirty();

            AddMembership(new RoomConnection(sink, identity) { Metadata = metadata }, component, requestId);
            return RoomJoinOutcome.Success;
        });

    /// <summary>
    /// Makes <paramref name="membership"/> (presence already counts it) a member connection: the members already here
    /// get the presence change as a patch; the newcomer gets <c>joined</c> with the document that includes it.
    /// </summary>
    private void AddMembership(RoomConnection membership, ComponentInstance component, string? requestId)
    {
        Flush();
        membership.Components.Add(component);
        var connectionId = membership.Sink.Context.ConnectionId;
        connections[connectionId] = membership;
        receivers = [.. connections.Values];
        manager.Track(connectionId, this);
        CancelCleanup();
        runtime.Metrics.RoomJoined();
        membership.Sink.TrySend(ServerMessages.Joined(requestId, Name, component.Id, Id, Version, DocumentJson));
    }

    /// <summary>
    /// Takes <paramref name="component"/> (or, when null, every component) of a connection out of the room; the
    /// connection leaves when none of its components is left. Returns whether anything was a member.
    /// </summary>
    public Task<bool> LeaveAsync(string connectionId, ComponentInstance? component, RoomLeaveReason reason, string? requestId) =>
        queue.Enqueue(async () =>
        {
            if (IsDestroyed || !connections.TryGetValue(connectionId, out var membership))
            {
                return false;
            }

            List<ComponentInstance> leaving;
            if (component is null)
            {
                leaving = [.. membership.Components];
                membership.Components.Clear();
            }
            else if (membership.Components.Remove(component))
            {
                leaving = [component];
            }
            else
            {
                return false;
            }

            if (reason != RoomLeaveReason.Disconnected)
            {
                var wire = reason == RoomLeaveReason.Cleanup ? "cleanup" : "left";
                for (var i = 0; i < leaving.Count; i++)
                {
                    // The answer to a client's leave carries its request id (on the last frame, for the one component).
                    membership.Sink.TrySend(ServerMessages.Left(i == leaving.Count - 1 ? requestId : null, Name, leaving[i].Id, wire));
                }
            }

            if (membership.Components.Count == 0)
            {
                await RemoveConnectionAsync(membership, reason).ConfigureAwait(false);
            }

            return true;
        });

    /// <summary>Answers a <c>resync</c> for the room's pseudo-instance with the whole document.</summary>
    public Task ResyncAsync(IConnectionSink sink, string requestId) => queue.Enqueue(() =>
    {
        sink.TrySend(IsDestroyed || !connections.ContainsKey(sink.Context.ConnectionId)
            ? ServerMessages.Error(requestId, new ProtocolError(ErrorCodes.InstanceNotFound, $"No instance '{Id}' is mounted on this connection."))
            : ServerMessages.State(requestId, Id, Version, DocumentJson));
        return Task.CompletedTask;
    });

    /// <summary>Whether <paramref name="component"/> of the connection is in the room (on the queue: exact).</summary>
    public bool HasComponent(string connectionId, ComponentInstance component) =>
        connections.TryGetValue(connectionId, out var membership) && membership.Components.Contains(component);

    /// <summary>Makes every member leave (reason cleanup) and destroys the room.</summary>
    public Task CloseAsync() => queue.Enqueue(async () =>
    {
        await EndHoldsAsync(RoomLeaveReason.Cleanup).ConfigureAwait(false);
        foreach (var membership in connections.Values.ToList())
        {
            foreach (var component in membership.Components)
            {
                membership.Sink.TrySend(ServerMessages.Left(null, Name, component.Id, "cleanup"));
            }

            membership.Components.Clear();
            await RemoveConnectionAsync(membership, RoomLeaveReason.Cleanup).ConfigureAwait(false);
        }

        await DestroyOnQueueAsync().ConfigureAwait(false);
    });

    private async Task RemoveConnectionAsync(RoomConnection membership, RoomLeaveReason reason)
    {
        var connectionId = membership.Sink.Context.ConnectionId;
        connections.Remove(connectionId);
        receivers = [.. connections.Values];
        manager.Untrack(connectionId, this);
        runtime.Metrics.RoomLeft();
        if (held.TryGetValue(connectionId, out var membershipHeld))
        {
            // A component of the dropped connection is kept for a resume: the user stays a member meanwhile.
            presence.HoldConnection(membership.Identity.UserId, membership.Away);
            membershipHeld.Counted = true;
            MarkPresenceDirty();
            Flush();
            return;
        }

        // Gone for good: the live state this connection wrote goes with it, in the same patch as the member change.
        presence.RemoveLiveOf(connectionId);
        var userLeft = presence.RemoveConnection(membership.Identity.UserId, membership.Away);
        MarkPresenceDirty();
        await RunLeaveHookAsync(connectionId, membership.Identity.UserId, userLeft, reason).ConfigureAwait(false);
        Flush();
        ScheduleCleanupIfEmpty();
    }

    private async Task RunLeaveHookAsync(string connectionId, string userId, bool userLeft, RoomLeaveReason reason)
    {
        if (Typed is not null)
        {
            try
            {
                await Typed.RunLeaveAsync(new RoomLeaveContext(connectionId, userId, userLeft, reason)).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                Log.HookFailed(runtime.Logger, ex, "OnLeaveAsync", Name);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(60, LogLevel.Error, "Hook {Hook} of room '{Room}' threw")]
        public static partial void HookFailed(ILogger logger, Exception exception, string hook, string room);
    }
}
