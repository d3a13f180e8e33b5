using System.Collections.Immutable;
using System.Text.Json;
using Live.Connections;
using Live.Hosting;
using Live.Metrics;
using Live.Protocol;
using Live.Registration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Live.Instances;

/// <summary>
/// One live component instance: the component object, its queue, its current state JSON and version, and the
/// connections attached to it (one for a per-connection component, any number for a singleton). Everything that
/// reads or changes the instance runs on its <see cref="SerialQueue"/>, so no further locking is needed.
/// </summary>
internal sealed partial class ComponentInstance : IComponentScheduler
{
    private readonly SerialQueue queue = new();
    private readonly LiveRuntime host;
    private readonly IAsyncDisposable? ownedScope;
    private ImmutableArray<IConnectionSink> attached = [];
    private LiveConnectionContext? lastConnection;
    private bool initialized;

    public ComponentInstance(ComponentDescriptor descriptor, LiveComponentBase component, LiveRuntime host, IAsyncDisposable? ownedScope)
    {
        Descriptor = descriptor;
        Component = component;
        this.host = host;
        this.ownedScope = ownedScope;
        Id = InstanceIds.NewInstanceId();
        component.InstanceId = Id;
        component.AttachScheduler(this);
    }

    public string Id { get; }

    public ComponentDescriptor Descriptor { get; }

    public LiveComponentBase Component { get; }

    public long Version { get; private set; }

    public bool IsDestroyed { get; private set; }

    /// <summary>The runtime hosting the instance.</summary>
    public LiveRuntime Host => host;

    /// <summary>Whether <paramref name="sink"/> is attached (read off the queue: a snapshot).</summary>
    public bool IsAttached(IConnectionSink sink) => attached.Contains(sink);

    /// <summary>
    /// Attaches <paramref name="sink"/>: runs the mount hook for it (and, with a <paramref name="seed"/>, restores the
    /// token's state and runs the rehydrate hook), and sends it <c>mounted</c> with the full state. Answers
    /// <see cref="AttachResult.Destroyed"/> when the instance was destroyed before the attach ran (the caller retries
    /// with a fresh singleton) and <see cref="AttachResult.Failed"/> when a hook threw (an error has been sent).
    /// </summary>
    public Task<AttachResult> AttachAsync(IConnectionSink sink, string requestId, JsonElement props, Signing.StateToken? seed = null) => queue.Enqueue(async () =>
    {
        if (IsDestroyed)
        {
            return AttachResult.Destroyed;
        }

        if (!initialized)
        {
            Component.InitializeState();
        }

        // Authorization sits in the one attach path every mount (and rehydrate) takes, before any hook runs; it sees
        // the instance's current state as the resource.
        if (await host.Authorization.AuthorizeMountAsync(sink.Context, Descriptor, Component).ConfigureAwait(false) is { } denied)
        {
            sink.TrySend(ServerMessages.Error(requestId, denied));
            if (!initialized)
            {
                await DestroyOnQueueAsync().ConfigureAwait(false);
            }

            return AttachResult.Failed;
        }

        Component.CurrentConnection = sink.Context;
        try
        {
            await Component.RunMountAsync(new MountContext(sink.Context, props, host.SerializerOptions, seed is not null)).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Log.MountFailed(host.Logger, ex, Descriptor.Name, Id);
            await FailAttachAsync(sink, requestId, host.Failure(ErrorCodes.MountFailed, $"Mounting '{Descriptor.Name}' failed", ex)).ConfigureAwait(false);
            return AttachResult.Failed;
        }

        if (seed is not null && await RestoreAsync(sink, requestId, seed).ConfigureAwait(false) is { } refused)
        {
            await FailAttachAsync(sink, requestId, refused).ConfigureAwait(false);
            return AttachResult.Failed;
        }

        if (!initialized)
        {
            Component.ResetChanges();
            // A rehydrate carries on from the token's version (its state is already in place: RestoreAsync).
            CommitInitialState(version: seed?.Version ?? 0);
            initialized = true;
            host.Metrics.InstanceCreated(Descriptor.Name);
        }
        else
        {
            // A later connection's mount hook may change the shared state: the others get that as a patch first.
            await FlushOnQueueAsync(actionName: null).ConfigureAwait(false);
        }

        if (Descriptor.Singleton)
        {
            Component.CurrentConnection = null;
        }

        var readOnly = await host.Authorization.IsReadOnlyAsync(sink.Context, Descriptor, Component).ConfigureAwait(false);
        attached = attached.Add(sink);
        host.Metrics.Mounted(Descriptor.Name);
        if (Descriptor.Singleton)
        {
            sink.TrySend(ServerMessages.Mounted(requestId, Id, Descriptor.Name, Version, CommittedJson(), readOnly: readOnly));
        }
        else
        {
            // Per-connection state can come back after a drop (resume) or a restart (rehydrate from the token).
            lastConnection = sink.Context;
            host.Retention.Register(this);
            sink.TrySend(ServerMessages.Mounted(requestId, Id, Descriptor.Name, Version, CommittedJson(), SignToken(), RotateResumeSecret(), rehydrated: seed is not null, readOnly: readOnly));
        }

        ReleaseJsonCache();
        return AttachResult.Attached;
    });

    /// <summary>Answers a <c>resync</c> with the full current state.</summary>
    public Task ResyncAsync(IConnectionSink sink, string requestId) => queue.Enqueue(() =>
    {
        sink.TrySend(IsDestroyed || !attached.Contains(sink)
            ? ServerMessages.Error(requestId, InstanceNotFound(Id))
            : ServerMessages.State(requestId, Id, Version, CommittedJson()));
        ReleaseJsonCache();
        return Task.CompletedTask;
    });

    /// <summary>
    /// Detaches <paramref name="sink"/>, runs the disconnect hook and, when nothing holds the instance any more,
    /// destroys it. Returns whether the instance was destroyed.
    /// </summary>
    public Task<bool> DetachAsync(IConnectionSink sink, DisconnectReason reason) => queue.Enqueue(async () =>
    {
        if (IsDestroyed || !attached.Contains(sink))
        {
            return IsDestroyed;
        }

        attached = attached.Remove(sink);
        host.Metrics.Unmounted(Descriptor.Name, 1);
        if (!Descriptor.Singleton && reason == DisconnectReason.ConnectionClosed && host.Retention.Enabled && !host.IsShuttingDown)
        {
            // Kept for a resume; the disconnect hook runs if the window ends without one.
            Retain(sink.Context);
            await KeepRoomsAsync(sink).ConfigureAwait(false);
            return false;
        }

        Component.CurrentConnection = sink.Context;
        try
        {
            await Component.RunDisconnectAsync(new DisconnectContext(sink.Context, reason)).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Log.HookFailed(host.Logger, ex, "OnDisconnectAsync", Descriptor.Name, Id);
        }
        finally
        {
            Component.CurrentConnection = Descriptor.Singleton ? null : sink.Context;
        }

        // The component's rooms on that connection: after the hook, which may still send a last event to them.
        try
        {
            await host.Rooms.LeaveComponentAsync(sink.Context.ConnectionId, this, reason switch
            {
                DisconnectReason.Unmounted => Rooms.RoomLeaveReason.Left,
                DisconnectReason.ServerShutdown => Rooms.RoomLeaveReason.Cleanup,
                _ => Rooms.RoomLeaveReason.Disconnected,
            }).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Log.HookFailed(host.Logger, ex, "leaving rooms", Descriptor.Name, Id);
        }

        // Changes made by the hook still reach the connections that remain.
        await FlushOnQueueAsync(actionName: null).ConfigureAwait(false);
        if (attached.IsEmpty && (!Descriptor.Singleton || !Descriptor.KeepAlive || reason == DisconnectReason.ServerShutdown))
        {
            await DestroyOnQueueAsync().ConfigureAwait(false);
        }

        return IsDestroyed;
    });

    /// <summary>Destroys the instance whatever holds it (server shutdown of a kept-alive singleton).</summary>
    public Task DestroyAsync() => queue.Enqueue(DestroyOnQueueAsync);

    /// <inheritdoc/>
    Task IComponentScheduler.InvokeAsync(Func<Task> work) => queue.Enqueue(async () =>
    {
        if (IsDestroyed)
        {
            throw new InvalidOperationException($"The instance {Id} of '{Descriptor.Name}' has been destroyed.");
        }

        // A kept per-connection instance still answers to the connection it last had (ConnectionAborted is cancelled).
        var owner = Descriptor.Singleton ? null : attached.FirstOrDefault()?.Context ?? lastConnection;
        Component.CurrentConnection = owner;
        var before = Component.CaptureState();
        try
        {
            await work().ConfigureAwait(false);
        }
        catch
        {
            Rollback(before);
            throw;
        }

        await FlushOnQueueAsync(actionName: null).ConfigureAwait(false);
    });

    /// <summary>After a failed mount or rehydrate: answers the error and undoes what the attach began.</summary>
    private async Task FailAttachAsync(IConnectionSink sink, string requestId, ProtocolError error)
    {
        sink.TrySend(ServerMessages.Error(requestId, error));
        if (!initialized)
        {
            // A per-connection instance, or a singleton whose first mount failed: nothing else holds it.
            await DestroyOnQueueAsync().ConfigureAwait(false);
        }
        else
        {
            Component.CurrentConnection = null;
            await FlushOnQueueAsync(actionName: null).ConfigureAwait(false);
        }
    }

    private static ProtocolError InstanceNotFound(string id) =>
        new(ErrorCodes.InstanceNotFound, $"No instance '{id}' is mounted on this connection.");

    private async Task DestroyOnQueueAsync()
    {
        if (IsDestroyed)
        {
            return;
        }

        IsDestroyed = true;
        StopTimers();
        host.Metrics.Unmounted(Descriptor.Name, attached.Length);
        if (initialized)
        {
            host.Metrics.InstanceDestroyed(Descriptor.Name);
        }

        attached = [];
        host.OnDestroyed(this);
        try
        {
            await Component.RunDestroyAsync().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Log.HookFailed(host.Logger, ex, "OnDestroyAsync", Descriptor.Name, Id);
        }

        Component.AttachScheduler(null);
        DisposeState();
        if (ownedScope is { } scope)
        {
            await scope.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Error, "Mounting component '{Component}' (instance {InstanceId}) failed")]
        public static partial void MountFailed(ILogger logger, Exception exception, string component, string instanceId);

        [LoggerMessage(2, LogLevel.Error, "Action '{Action}' of component '{Component}' (instance {InstanceId}) threw")]
        public static partial void ActionFailed(ILogger logger, Exception exception, string component, string action, string instanceId);

        [LoggerMessage(3, LogLevel.Error, "Hook {Hook} of component '{Component}' (instance {InstanceId}) threw")]
        public static partial void HookFailed(ILogger logger, Exception exception, string hook, string component, string instanceId);

        [LoggerMessage(5, LogLevel.Debug, "Action '{Action}' of component '{Component}' (instance {InstanceId}) was canceled: its connection closed")]
        public static partial void ActionCanceled(ILogger logger, string component, string action, string instanceId);

        [LoggerMessage(4, LogLevel.Error, "The result of action '{Action}' of component '{Component}' could not be serialized")]
        public static partial void ResultNotSerializable(ILogger logger, Exception exception, string component, string action);
    }
}
