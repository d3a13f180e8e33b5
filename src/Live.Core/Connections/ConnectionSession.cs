using System.Net.WebSockets;
using Live.Authentication;
using Live.Hosting;
using Live.Instances;
using Live.Protocol;
using Live.RateLimiting;
using Microsoft.Extensions.Logging;

namespace Live.Connections;

/// <summary>
/// One client connection, start to end: the receive loop (frame size limit, idle timeout), the requests in
/// progress, the instances it has mounted, its send queue, and how it closes. What each message means is the
/// <see cref="Dispatch.MessageDispatcher"/>'s business.
/// </summary>
internal sealed partial class ConnectionSession : IConnectionSink, IDisposable
{
    private const int InitialReceiveBuffer = 4 * 1024;

    private readonly WebSocket socket;
    private readonly LiveRuntime runtime;
    private readonly SendQueue sendQueue;
    private readonly Lock gate = new();
    private readonly Dictionary<string, ComponentInstance> mounted = new(StringComparer.Ordinal);
    private PendingRequestIds pendingRequests;
    private readonly CancellationTokenSource sendCancellation = new();
    // Both made only when something waits for them (most connections never close while idle): under the gate.
    private TaskCompletionSource? closed;
    private TaskCompletionSource? receiveEnded;
    private bool receiveDone;
    private (int Code, string Reason)? closeFrame;
    private int reservedMounts;
    private ITimer? idleTimer;
    private long lastFrameAt;

    private readonly CancellationTokenSource connectionCancellation;

    // connectionCancellation backs LiveConnectionContext.ConnectionAborted; the session cancels it when the connection ends.
    public ConnectionSession(WebSocket socket, LiveConnectionContext context, LiveRuntime runtime, CancellationTokenSource connectionCancellation, ConnectionIdentity identity)
    {
        this.identity = identity;
        userKey = UserKeys.Of(identity.User);
        this.connectionCancellation = connectionCancellation;
        this.socket = socket;
        this.runtime = runtime;
        Context = context;
        context.Sink = this;
        // Each request in progress can still produce a patch and an answer; keep room for them.
        var limits = runtime.Options.Limits;
        frameBucket = new FrameBucket(limits.InboundFrameBurst, runtime.TimeProvider);
        sendQueue = new SendQueue(
            socket,
            static state => ((ConnectionSession)state!).ChosenCloseFrame(),
            this,
            limits.SendQueueCapacity,
            headroom: (2 * limits.MaxPendingRequestsPerConnection) + 16,
            runtime.Metrics,
            sendCancellation.Token);
    }

    public LiveConnectionContext Context { get; }

    public LiveRuntime Runtime => runtime;

    public bool TrySend(byte[] frame) => TrySend(frame, writeInline: false);

    public bool TrySendAnswer(byte[] frame) => TrySend(frame, writeInline: true);

    private bool TrySend(byte[] frame, bool writeInline)
    {
        if (sendQueue.TryEnqueue(frame, writeInline))
        {
            return true;
        }

        if (!sendQueue.IsCompleted)
        {
            Log.SendQueueFull(runtime.Logger, Context.ConnectionId, runtime.Options.Limits.SendQueueCapacity);
            runtime.Metrics.SendQueueOverflowed();
            _ = CloseAsync(CloseCodes.SendQueueFull, "Too slow: the client did not read its messages and the send queue is full.", dropPending: true);
        }

        return false;
    }

    public async Task RunAsync()
    {
        Log.Connected(runtime.Logger, Context.ConnectionId);
        OnFrameReceived();
        idleTimer = runtime.TimeProvider.CreateTimer(static s => ((ConnectionSession)s!).OnIdle(), this, runtime.Options.ClientTimeout, Timeout.InfiniteTimeSpan);
        StartAuthenticationTimers();
        var reason = DisconnectReason.ConnectionClosed;
        try
        {
            await ReceiveLoopAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The peer vanished or the socket was aborted: the session ends the same way either way.
        }
        finally
        {
            TaskCompletionSource? ended;
            lock (gate)
            {
                receiveDone = true;
                ended = receiveEnded;
            }

            ended?.TrySetResult();

            // Actions still running for this connection see their CancellationToken fire before their instances
            // are detached (detaching waits for them).
            await connectionCancellation.CancelAsync().ConfigureAwait(false);
            if (runtime.IsShuttingDown)
            {
                reason = DisconnectReason.ServerShutdown;
            }

            if (idleTimer is not null)
            {
                await idleTimer.DisposeAsync().ConfigureAwait(false);
            }

            StopAuthenticationTimers();

            await DetachAllAsync(reason).ConfigureAwait(false);
            await LeaveRoomsAsync(reason).ConfigureAwait(false);
            await CloseAsync(CloseCodes.Normal, "Closed.").ConfigureAwait(false);
            Log.Disconnected(runtime.Logger, Context.ConnectionId, CloseCode ?? CloseCodes.Normal);
        }
    }

    /// <summary>Registers a request id as in progress. Returns the error to answer with when it cannot be.</summary>
    public ProtocolError? TryBeginRequest(string id)
    {
        lock (gate)
        {
            if (pendingRequests.Contains(id))
            {
                runtime.Metrics.FrameRejected(ErrorCodes.DuplicateRequest);
                return new ProtocolError(ErrorCodes.DuplicateRequest, $"A request with id '{id}' is still in progress; use a new id for each request.");
            }

            if (pendingRequests.Count >= runtime.Options.Limits.MaxPendingRequestsPerConnection)
            {
                runtime.Metrics.FrameRejected(ErrorCodes.ServerBusy);
                return new ProtocolError(ErrorCodes.ServerBusy, $"Too many requests in progress (at most {runtime.Options.Limits.MaxPendingRequestsPerConnection}); wait for answers before sending more.");
            }

            pendingRequests.Add(id);
            return null;
        }
    }

    public void EndRequest(string id)
    {
        lock (gate)
        {
            pendingRequests.Remove(id);
        }
    }

    /// <summary>Reserves a slot for a new mount; <see langword="false"/> at the per-connection limit.</summary>
    public bool TryReserveMount()
    {
        lock (gate)
        {
            if (mounted.Count + reservedMounts >= runtime.Options.Limits.MaxComponentsPerConnection)
            {
                return false;
            }

            reservedMounts++;
            return true;
        }
    }

    public void ReleaseMountReservation()
    {
        lock (gate)
        {
            reservedMounts--;
        }
    }

    /// <summary>Turns a reservation into a mounted instance (before its <c>mounted</c> answer is sent).</summary>
    public bool TryAddMounted(ComponentInstance instance)
    {
        lock (gate)
        {
            reservedMounts--;
            if (closeFrame is not null)
            {
                return false;
            }

            mounted[instance.Id] = instance;
            return true;
        }
    }

    public bool TryGetMounted(string instanceId, out ComponentInstance instance)
    {
        lock (gate)
        {
            return mounted.TryGetValue(instanceId, out instance!);
        }
    }

    public bool TryRemoveMounted(string instanceId, out ComponentInstance instance)
    {
        lock (gate)
        {
            return mounted.Remove(instanceId, out instance!);
        }
    }

    public void Forget(string instanceId) => TryRemoveMounted(instanceId, out _);

    public void Dispose()
    {
        idleTimer?.Dispose();
        StopAuthenticationTimers();
        refreshGate?.Dispose();
        sendCancellation.Dispose();
    }

    private async Task DetachAllAsync(DisconnectReason reason)
    {
        ComponentInstance[] instances;
        lock (gate)
        {
            instances = [.. mounted.Values];
            mounted.Clear();
        }

        foreach (var instance in instances)
        {
            try
            {
                await instance.DetachAsync(this, reason).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                Log.DetachFailed(runtime.Logger, ex, instance.Id);
            }
        }
    }

    private async Task LeaveRoomsAsync(DisconnectReason reason)
    {
        try
        {
            await runtime.Rooms.LeaveAllAsync(Context.ConnectionId, reason == DisconnectReason.ServerShutdown ? Rooms.RoomLeaveReason.Cleanup : Rooms.RoomLeaveReason.Disconnected).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Log.LeaveRoomsFailed(runtime.Logger, ex, Context.ConnectionId);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(26, LogLevel.Error, "Taking connection {ConnectionId} out of its rooms failed")]
        public static partial void LeaveRoomsFailed(ILogger logger, Exception exception, string connectionId);

        [LoggerMessage(20, LogLevel.Debug, "Connection {ConnectionId} opened")]
        public static partial void Connected(ILogger logger, string connectionId);

        [LoggerMessage(21, LogLevel.Debug, "Connection {ConnectionId} closed ({CloseCode})")]
        public static partial void Disconnected(ILogger logger, string connectionId, int closeCode);

        [LoggerMessage(22, LogLevel.Warning, "Connection {ConnectionId} is not reading: its send queue reached {Capacity} frames, closing it")]
        public static partial void SendQueueFull(ILogger logger, string connectionId, int capacity);

        [LoggerMessage(23, LogLevel.Information, "Connection {ConnectionId} sent nothing for {Timeout}, closing it")]
        public static partial void IdleTimeout(ILogger logger, string connectionId, TimeSpan timeout);

        [LoggerMessage(25, LogLevel.Warning, "Connection {ConnectionId} kept sending past its rate limit ({Count} frames in a row), closing it")]
        public static partial void RateLimitAbuse(ILogger logger, string connectionId, int count);

        [LoggerMessage(50, LogLevel.Information, "Connection {ConnectionId} refresh refused: {Reason}; closing it")]
        public static partial void RefreshRefused(ILogger logger, string connectionId, string reason);

        [LoggerMessage(51, LogLevel.Information, "Connection {ConnectionId} authentication expired at {ExpiresAt}, closing it")]
        public static partial void AuthenticationExpired(ILogger logger, string connectionId, DateTimeOffset expiresAt);

        [LoggerMessage(52, LogLevel.Information, "Connection {ConnectionId} sent no request within {Timeout} of connecting, closing it")]
        public static partial void HandshakeTimeout(ILogger logger, string connectionId, TimeSpan timeout);

        [LoggerMessage(24, LogLevel.Error, "Detaching instance {InstanceId} failed")]
        public static partial void DetachFailed(ILogger logger, Exception exception, string instanceId);
    }
}
