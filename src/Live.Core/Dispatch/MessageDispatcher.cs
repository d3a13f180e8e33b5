using System.Buffers;
using System.Text.Json;
using Live.Connections;
using Live.Hosting;
using Live.Instances;
using Live.Metrics;
using Live.Protocol;
using Live.Registration;
using Microsoft.Extensions.Logging;

namespace Live.Dispatch;

/// <summary>
/// Turns each parsed client message into its effect: mounting, running an action, unmounting, resynchronising.
/// Every path answers the request id it was given, with a result or a precise error.
/// </summary>
internal sealed partial class MessageDispatcher
{
    private readonly LiveRuntime runtime;

    public MessageDispatcher(LiveRuntime runtime) => this.runtime = runtime;

    /// <summary>
    /// Handles one text frame. Work that must wait (mounts, actions) continues in the background so a slow action
    /// on one instance does not hold up messages for others; ordering per instance is kept by the instance's queue.
    /// </summary>
    /// <param name="session">The connection the frame came from.</param>
    /// <param name="owned">
    /// A pooled buffer holding the frame; the dispatcher takes it over and returns it to the pool once the message
    /// has been handled (the parsed document points into it, so it must live that long).
    /// </param>
    /// <param name="length">The frame's length in <paramref name="owned"/>.</param>
    public void Dispatch(ConnectionSession session, byte[] owned, int length)
    {
        JsonDocument? document = null;
        var handedOff = false;
        try
        {
            if (!FrameReader.TryRead(owned.AsMemory(0, length), runtime.Options.Limits.MaxJsonDepth, out var message, out document, out var error, out var errorId))
            {
                runtime.Metrics.FrameRejected(error!.Code);
                session.TrySend(ServerMessages.Error(errorId, error!));
                return;
            }

            if (message.Type == MessageType.Ping)
            {
                session.TrySend(ServerMessages.Pong(message.Id));
                return;
            }

            session.OnRequest();
            var id = message.Id!;
            if (session.TryBeginRequest(id) is { } busy)
            {
                session.TrySend(ServerMessages.Error(id, busy));
                return;
            }

            Task handling;
            try
            {
                handling = message.Type switch
                {
                    MessageType.Mount => MountAsync(session, message),
                    MessageType.Action => ActionAsync(session, message),
                    MessageType.Unmount => UnmountAsync(session, message),
                    MessageType.Resync => ResyncAsync(session, message),
                    MessageType.Rehydrate => RehydrateAsync(session, message),
                    MessageType.Resume => ResumeAsync(session, message),
                    MessageType.Join => JoinAsync(session, message),
                    MessageType.Leave => LeaveAsync(session, message),
                    MessageType.Presence => SetPresenceAsync(session, message),
                    MessageType.Refresh => session.RefreshAsync(id, message.Token!),
                    _ => Task.CompletedTask,
                };
            }
            catch (Exception ex)
            {
                handling = Task.FromException(ex);
            }

            handedOff = true;
            _ = FinishAsync(session, id, handling, document, owned);
        }
        finally
        {
            if (!handedOff)
            {
                document?.Dispose();
                ArrayPool<byte>.Shared.Return(owned);
            }
        }
    }

    private async Task FinishAsync(ConnectionSession session, string id, Task handling, JsonDocument? document, byte[] owned)
    {
        try
        {
            await handling.ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Log.RequestFailed(runtime.Logger, ex, session.Context.ConnectionId, id);
            session.TrySend(ServerMessages.Error(id, runtime.Failure(ErrorCodes.InternalError, "The request failed", ex)));
        }
        finally
        {
            session.EndRequest(id);
            document?.Dispose();
            ArrayPool<byte>.Shared.Return(owned);
        }
    }

    private async Task MountAsync(ConnectionSession session, ClientMessage message)
    {
        var id = message.Id!;
        if (!runtime.Registry.TryGet(message.Component!, out var descriptor))
        {
            session.TrySend(ServerMessages.Error(id, UnknownComponent(message.Component!)));
            return;
        }

        await MountDescriptorAsync(session, id, descriptor, message.Props, seed: null).ConfigureAwait(false);
    }

    /// <summary>
    /// The one path every new attach takes, <c>mount</c> and <c>rehydrate</c> alike (a rehydrate arrives here with its
    /// verified token as <paramref name="seed"/>), so whatever a mount checks, a rehydrate checks too.
    /// </summary>
    private async Task MountDescriptorAsync(ConnectionSession session, string id, ComponentDescriptor descriptor, JsonElement props, Signing.StateToken? seed)
    {
        if (!session.TryReserveMount())
        {
            session.TrySend(ServerMessages.Error(id, new ProtocolError(
                ErrorCodes.TooManyComponents,
                $"This connection has mounted the maximum of {runtime.Options.Limits.MaxComponentsPerConnection} components; unmount one first.")));
            return;
        }

        // Singletons can be destroyed between lookup and attach (their last connection left); then try a fresh one.
        for (var attempt = 0; attempt < 3; attempt++)
        {
            ComponentInstance instance;
            try
            {
                instance = descriptor.Singleton
                    ? runtime.GetOrCreateSingleton(descriptor)
                    : runtime.CreatePerConnectionInstance(descriptor);
            }
            catch (Exception ex)
            {
                session.ReleaseMountReservation();
                Log.CreateFailed(runtime.Logger, ex, descriptor.Name);
                session.TrySend(ServerMessages.Error(id, runtime.Failure(ErrorCodes.MountFailed, $"Creating '{descriptor.Name}' failed", ex)));
                return;
            }

            if (session.TryGetMounted(instance.Id, out _))
            {
                // Mounting a singleton twice on one connection answers with the instance it already has.
                session.ReleaseMountReservation();
                await instance.ResyncAsync(session, id).ConfigureAwait(false);
                return;
            }

            if (!session.TryAddMounted(instance))
            {
                return;
            }

            var attached = await instance.AttachAsync(session, id, props, seed).ConfigureAwait(false);
            if (attached == AttachResult.Attached)
            {
                return;
            }

            session.TryRemoveMounted(instance.Id, out _);
            if (attached == AttachResult.Failed || !session.TryReserveMount())
            {
                return;
            }
        }

        session.ReleaseMountReservation();
        session.TrySend(ServerMessages.Error(id, new ProtocolError(ErrorCodes.InternalError, $"Could not attach to '{descriptor.Name}'; try again.")));
    }

    private static Task ActionAsync(ConnectionSession session, ClientMessage message)
    {
        var id = message.Id!;
        if (!session.TryGetMounted(message.Instance!, out var instance))
        {
            session.TrySend(ServerMessages.Error(id, NotMounted(message.Instance!)));
            return Task.CompletedTask;
        }

        if (!instance.Descriptor.Actions.TryGetValue(message.Action!, out var action))
        {
            session.TrySend(ServerMessages.Error(id, new ProtocolError(
                ErrorCodes.UnknownAction,
                $"Component '{instance.Descriptor.Name}' has no public action '{message.Action}'.")));
            return Task.CompletedTask;
        }

        if (ArgumentValidator.Validate(action, message.Args) is { } invalid)
        {
            session.Runtime.Metrics.ActionCompleted(instance.Descriptor.Name, action.Name, ActionOutcomes.InvalidArgs, System.Diagnostics.Stopwatch.GetTimestamp());
            session.TrySend(ServerMessages.Error(id, invalid));
            return Task.CompletedTask;
        }

        if (session.Runtime.ActionLimiter.TryAcquire(instance.Descriptor, action, session.Context) is { } limited)
        {
            session.Runtime.Metrics.RequestRateLimited(instance.Descriptor.Name, action.Name);
            session.Runtime.Metrics.ActionCompleted(instance.Descriptor.Name, action.Name, ActionOutcomes.RateLimited, System.Diagnostics.Stopwatch.GetTimestamp());
            session.TrySend(ServerMessages.Error(id, limited));
            return Task.CompletedTask;
        }

        return instance.RunActionAsync(session, id, action, message.Args, session.Context.ConnectionAborted);
    }

    private static async Task UnmountAsync(ConnectionSession session, ClientMessage message)
    {
        var id = message.Id!;
        if (!session.TryRemoveMounted(message.Instance!, out var instance))
        {
            session.TrySend(ServerMessages.Error(id, NotMounted(message.Instance!)));
            return;
        }

        await instance.DetachAsync(session, DisconnectReason.Unmounted).ConfigureAwait(false);
        session.TrySend(ServerMessages.Unmounted(id, instance.Id));
    }

    private static Task ResyncAsync(ConnectionSession session, ClientMessage message)
    {
        var id = message.Id!;
        if (!session.TryGetMounted(message.Instance!, out var instance))
        {
            // A room's pseudo-instance resyncs like a component.
            if (session.Runtime.Rooms.FindJoinedById(session.Context.ConnectionId, message.Instance!) is { } room)
            {
                return room.ResyncAsync(session, id);
            }

            session.TrySend(ServerMessages.Error(id, NotMounted(message.Instance!)));
            return Task.CompletedTask;
        }

        return instance.ResyncAsync(session, id);
    }

    private static ProtocolError UnknownComponent(string name) =>
        new(ErrorCodes.UnknownComponent, $"No component is named '{Shorten(name)}'.");

    private static ProtocolError NotMounted(string instanceId) =>
        new(ErrorCodes.InstanceNotFound, $"No instance '{Shorten(instanceId)}' is mounted on this connection.");

    private static string Shorten(string text) => text.Length <= 64 ? text : string.Concat(text.AsSpan(0, 64), "…");

    private static partial class Log
    {
        [LoggerMessage(30, LogLevel.Error, "Request {RequestId} on connection {ConnectionId} failed")]
        public static partial void RequestFailed(ILogger logger, Exception exception, string connectionId, string requestId);

        [LoggerMessage(31, LogLevel.Error, "Creating component '{Component}' failed")]
        public static partial void CreateFailed(ILogger logger, Exception exception, string component);
    }
}
