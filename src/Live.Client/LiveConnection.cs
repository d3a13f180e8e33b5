using System.Collections.Concurrent;
using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Live.Client.Protocol;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Live.Client;

/// <summary>
/// A connection to a Live server (protocol <c>live.v1</c>): mounts components, calls their actions and keeps an exact
/// copy of their state. Create one with <see cref="ConnectAsync"/>; it is safe to use from several threads.
/// </summary>
/// <remarks>
/// One reader task receives and dispatches every frame in order; sends are serialized by one lock. Patches and
/// <see cref="LiveComponentHandle.StateChanged"/> run on the reader, so handlers should be quick.
/// </remarks>
public sealed partial class LiveConnection : IAsyncDisposable
{
    /// <summary>The WebSocket subprotocol this client requests.</summary>
    public const string SubProtocol = "live.v1";

    private const string LiveErrorHeader = "X-Live-Error";

    private readonly Uri _uri;
    private ClientWebSocket _socket;
    private readonly LiveConnectionOptions _options;
    private readonly TimeProvider _time;
    private long _lastSent;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly CancellationTokenSource _lifetime = new();
    private readonly ConcurrentDictionary<string, PendingRequest> _pending = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, LiveComponentHandle> _components = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource<LiveCloseInfo> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _closeGate = new();
    private readonly ITimer? _heartbeat;
    private Task _receiveLoop = Task.CompletedTask;
    private LiveCloseInfo? _closeInfo;
    private long _lastRequestId;
    private int _disposed;

    private LiveConnection(Uri uri, ClientWebSocket socket, LiveConnectionOptions options, ILogger logger)
    {
        _uri = uri;
        _socket = socket;
        _options = options;
        _time = options.TimeProvider;
        _logger = logger;
        _lastSent = _time.GetTimestamp();
        if (options.HeartbeatInterval != Timeout.InfiniteTimeSpan)
        {
            _heartbeat = _time.CreateTimer(
                static state => ((LiveConnection)state!).OnHeartbeatDue(),
                this,
                options.HeartbeatInterval,
                options.HeartbeatInterval);
        }
    }

    /// <summary>
    /// Raised once when the connection has ended, after pending requests have failed. Runs on the reader task.
    /// </summary>
    public event Action<LiveCloseInfo>? Closed;

    /// <summary>Completes (never faults) when the connection has ended, with the close code and reason the server sent.</summary>
    public Task<LiveCloseInfo> Completion => _completion.Task;

    /// <summary>Whether the connection is still open for requests.</summary>
    public bool IsConnected => Volatile.Read(ref _closeInfo) is null && !IsReconnecting;

    /// <summary>Every parsed message the server sends, before it is dispatched (tests of hostile input observe errors here).</summary>
    internal event Action<JsonElement>? MessageReceived;

    /// <summary>
    /// Raised, on the connection's reader, for every <c>event</c> message: events of the rooms this connection's
    /// components are in, and events sent to all of the user's connections. Keep handlers short.
    /// </summary>
    public event Action<LiveEventMessage>? EventReceived;

    private void RaiseEvent(JsonElement message)
    {
        var handler = EventReceived;
        if (handler is null || !message.TryGetProperty("event", out var name) || name.ValueKind != JsonValueKind.String)
        {
            return;
        }

        var room = message.TryGetProperty("room", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
        var from = message.TryGetProperty("from", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString() : null;
        var data = message.TryGetProperty("data", out var d) ? d.Clone() : default;
        handler(new LiveEventMessage(room, name.GetString()!, from, data));
    }

    internal JsonSerializerOptions JsonOptions => _options.JsonSerializerOptions;

    internal TimeProvider Time => _time;

    internal ILogger Logger => _logger;

    /// <summary>
    /// Opens a WebSocket to <paramref name="uri"/> requesting subprotocol <c>live.v1</c>.
    /// </summary>
    /// <param name="uri">The endpoint the app mapped, e.g. <c>ws://localhost:5000/live</c>.</param>
    /// <param name="options">Settings; the defaults when <see langword="null"/>.</param>
    /// <param name="ct">Cancels the connection attempt.</param>
    /// <returns>The open connection.</returns>
    /// <exception cref="LiveConnectException">
    /// The server refused the upgrade (its <c>X-Live-Error</c> reason is in <see cref="LiveConnectException.Reason"/>)
    /// or could not be reached.
    /// </exception>
    public static async Task<LiveConnection> ConnectAsync(Uri uri, LiveConnectionOptions? options = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(uri);
        options ??= new LiveConnectionOptions();
        options.Validate();
        var logger = (options.LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger<LiveConnection>();

        var socket = await OpenSocketAsync(uri, options, logger, ct).ConfigureAwait(false);
        var connection = new LiveConnection(uri, socket, options, logger);
        connection._receiveLoop = Task.Run(() => connection.ReceiveLoopAsync(socket), CancellationToken.None);
        Log.Connected(logger, uri);
        return connection;
    }

    /// <summary>Mounts an instance of <paramref name="component"/> and returns a handle holding its state.</summary>
    /// <param name="component">The component's registered name, e.g. <c>TodoList</c>.</param>
    /// <param name="props">
    /// The mount props: any object serialized with <see cref="LiveConnectionOptions.JsonSerializerOptions"/> to a JSON
    /// object, or <see langword="null"/> for none.
    /// </param>
    /// <param name="ct">Stops waiting for the answer (the server may still mount).</param>
    /// <returns>The mounted component, its state already in place.</returns>
    /// <exception cref="LiveErrorException">The server refused, e.g. <c>unknown_component</c> or <c>mount_failed</c>.</exception>
    public Task<LiveComponentHandle> MountAsync(string component, object? props = null, CancellationToken ct = default) =>
        MountAsync(component, ToObjectElement(props, nameof(props)), ct);

    /// <summary>Mounts an instance of <paramref name="component"/> with props given as a JSON object.</summary>
    /// <param name="component">The component's registered name.</param>
    /// <param name="props">A JSON object, or <see langword="null"/> for no props.</param>
    /// <param name="ct">Stops waiting for the answer.</param>
    /// <returns>The mounted component.</returns>
    public Task<LiveComponentHandle> MountAsync(string component, JsonNode? props, CancellationToken ct = default) =>
        MountAsync(component, ToObjectElement(props, nameof(props)), ct);

    /// <summary>Mounts an instance of <paramref name="component"/> with props given as a JSON object element.</summary>
    /// <param name="component">The component's registered name.</param>
    /// <param name="props">A JSON object; <c>default</c> or JSON <c>null</c> for no props.</param>
    /// <param name="ct">Stops waiting for the answer.</param>
    /// <returns>The mounted component.</returns>
    public async Task<LiveComponentHandle> MountAsync(string component, JsonElement props, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(component);
        EnsureObject(props, nameof(props));
        var id = NextRequestId();
        LiveComponentHandle? handle = null;
        await SendRequestAsync(
            id,
            ClientMessages.Mount(id, component, props),
            $"mount of '{component}' (request {id})",
            MessageTypes.Mounted,
            answer => handle = AttachComponent(answer, props),
            ct).ConfigureAwait(false);
        return handle!;
    }

    /// <summary>Sends a <c>ping</c> and waits for its <c>pong</c>.</summary>
    /// <param name="ct">Stops waiting.</param>
    /// <returns>The round-trip time.</returns>
    public async Task<TimeSpan> PingAsync(CancellationToken ct = default)
    {
        var id = NextRequestId();
        var started = _time.GetTimestamp();
        await SendRequestAsync(id, ClientMessages.Ping(id), $"ping (request {id})", MessageTypes.Pong, null, ct).ConfigureAwait(false);
        return _time.GetElapsedTime(started);
    }

    /// <summary>
    /// Closes the connection: sends a close frame and waits (up to <see cref="LiveConnectionOptions.RequestTimeout"/>)
    /// for the server's; aborts the socket if it does not come. Does nothing when already closed.
    /// </summary>
    /// <param name="status">The close code to send.</param>
    /// <param name="description">The reason text to send.</param>
    /// <param name="ct">Stops waiting for the server's close frame; the socket is then aborted.</param>
    /// <returns>How the connection ended.</returns>
    public async Task<LiveCloseInfo> CloseAsync(
        WebSocketCloseStatus status = WebSocketCloseStatus.NormalClosure,
        string? description = null,
        CancellationToken ct = default)
    {
        // A close the client asks for ends the connection for good: no reconnect.
        Volatile.Write(ref _closingByClient, 1);
        if (!IsConnected)
        {
            if (IsReconnecting)
            {
                await _lifetime.CancelAsync().ConfigureAwait(false);
            }

            return await Completion.ConfigureAwait(false);
        }

        try
        {
            await _sendLock.WaitAsync(ct).ConfigureAwait(false);
            try
            {
                if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                {
                    await _socket.CloseOutputAsync(status, description, _lifetime.Token).ConfigureAwait(false);
                }
            }
            finally
            {
                _sendLock.Release();
            }

            return await Completion.WaitAsync(_options.RequestTimeout, _time, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
            Log.CloseHandshakeFailed(_logger, ex);
            _socket.Abort();
            return await Completion.ConfigureAwait(false);
        }
    }

    /// <summary>Closes the connection (see <see cref="CloseAsync"/>) and releases its resources.</summary>
    /// <returns>A task that completes when the reader has stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await CloseAsync(WebSocketCloseStatus.NormalClosure, "client disposed").ConfigureAwait(false);
        await _lifetime.CancelAsync().ConfigureAwait(false);
        await _receiveLoop.ConfigureAwait(false);
        _heartbeat?.Dispose();
        _socket.Dispose();
        _lifetime.Dispose();
    }

    /// <summary>Sends <paramref name="text"/> as one text frame, unchecked.</summary>
    internal Task SendRawTextAsync(string text) =>
        SendFrameAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text);

    /// <summary>Sends <paramref name="bytes"/> as one binary frame.</summary>
    internal Task SendRawBinaryAsync(byte[] bytes) => SendFrameAsync(bytes, WebSocketMessageType.Binary);

    /// <summary>
    /// Sends <paramref name="text"/> unchecked and returns the answer carrying <paramref name="id"/> — an <c>error</c>
    /// included, as a message rather than an exception.
    /// </summary>
    internal Task<JsonElement> SendRawRequestAsync(string text, string id) =>
        SendRequestAsync(id, Encoding.UTF8.GetBytes(text), $"raw request {id}", expectedType: null, onAnswer: null, CancellationToken.None);

    internal async Task<JsonElement?> InvokeAsync(LiveComponentHandle handle, string action, object? args, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(action);
        var id = NextRequestId();
        var answer = await SendRequestAsync(
            id,
            ClientMessages.Action(id, handle.InstanceId, action, ToObjectElement(args, nameof(args))),
            RequestDescription.ForAction(action, handle.InstanceId),
            MessageTypes.Result,
            handle.OnResult,
            ct).ConfigureAwait(false);
        return answer.TryGetProperty("value", out var value) ? value : null;
    }

    internal async Task UnmountAsync(LiveComponentHandle handle, CancellationToken ct)
    {
        var id = NextRequestId();
        await SendRequestAsync(
            id,
            ClientMessages.Unmount(id, handle.InstanceId),
            $"unmount of '{handle.InstanceId}' (request {id})",
            MessageTypes.Unmounted,
            _ => DetachComponent(handle, null),
            ct).ConfigureAwait(false);
    }

    /// <summary>Asks for the full state of <paramref name="handle"/>; the answer is applied on the reader.</summary>
    internal void BeginResync(LiveComponentHandle handle) => _ = ResyncAsync(handle);

    private async Task ResyncAsync(LiveComponentHandle handle)
    {
        var id = NextRequestId();
        try
        {
            Log.ResyncRequested(_logger, handle.InstanceId, id);
            await SendRequestAsync(
                id,
                ClientMessages.Resync(id, handle.InstanceId),
                $"resync of '{handle.InstanceId}' (request {id})",
                MessageTypes.State,
                handle.ApplyResyncAnswer,
                CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Log.ResyncFailed(_logger, handle.InstanceId, ex);
            switch (ex)
            {
                case LiveConnectionClosedException:
                    break;
                case LiveErrorException { Code: "instance_not_found" }:
                    DetachComponent(handle, ex); // the server no longer holds it: nothing to resync
                    break;
                default:
                    if (handle.OnResyncFailed())
                    {
                        BeginResync(handle);
                    }

                    break;
            }
        }
    }

    private static async Task<ClientWebSocket> OpenSocketAsync(Uri uri, LiveConnectionOptions options, ILogger logger, CancellationToken ct)
    {
        var socket = new ClientWebSocket();
        try
        {
            socket.Options.AddSubProtocol(SubProtocol);
            socket.Options.CollectHttpResponseDetails = true;
            options.ConfigureWebSocket?.Invoke(socket.Options);
            try
            {
                await socket.ConnectAsync(uri, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is WebSocketException or HttpRequestException)
            {
                var status = (int)socket.HttpStatusCode;
                var reason = LiveErrorReason(socket) ?? (status == 0 ? ex.Message : null);
                Log.ConnectFailed(logger, uri, status, reason, ex);
                throw new LiveConnectException(uri, status == 0 ? null : status, reason, ex);
            }

            if (socket.SubProtocol != SubProtocol)
            {
                socket.Abort();
                throw new LiveConnectException(
                    uri,
                    (int)socket.HttpStatusCode,
                    $"the server selected subprotocol '{socket.SubProtocol}' instead of '{SubProtocol}'",
                    null);
            }

            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private JsonElement ToObjectElement(object? value, string paramName)
    {
        var element = value switch
        {
            null => default,
            JsonElement e => e,
            JsonNode node => JsonSerializer.SerializeToElement(node, JsonOptions),
            _ => JsonSerializer.SerializeToElement(value, value.GetType(), JsonOptions),
        };
        EnsureObject(element, paramName);
        return element;
    }

    private static void EnsureObject(JsonElement element, string paramName)
    {
        if (element.ValueKind is not (JsonValueKind.Object or JsonValueKind.Undefined or JsonValueKind.Null))
        {
            throw new ArgumentException($"Must serialize to a JSON object, not {element.ValueKind}.", paramName);
        }
    }

    private static string? LiveErrorReason(ClientWebSocket socket)
    {
        if (socket.HttpResponseHeaders is not { } headers)
        {
            return null;
        }

        foreach (var (name, values) in headers)
        {
            if (string.Equals(name, LiveErrorHeader, StringComparison.OrdinalIgnoreCase))
            {
                return string.Join(", ", values);
            }
        }

        return null;
    }
}
