using System.Buffers;
using System.Net.WebSockets;
using System.Text.Json;
using Live.Client.Protocol;

namespace Live.Client;

/// <summary>The reader: receives frames, dispatches them in order and ends the connection.</summary>
public sealed partial class LiveConnection
{
    private async Task ReceiveLoopAsync(ClientWebSocket socket)
    {
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        LiveCloseInfo info;
        try
        {
            while (true)
            {
                buffer.ResetWrittenCount();
                ValueWebSocketReceiveResult received;
                do
                {
                    received = await socket.ReceiveAsync(buffer.GetMemory(8 * 1024), _lifetime.Token).ConfigureAwait(false);
                    buffer.Advance(received.Count);
                }
                while (!received.EndOfMessage && received.MessageType != WebSocketMessageType.Close);

                if (received.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                if (received.MessageType == WebSocketMessageType.Binary)
                {
                    Log.BinaryFrameIgnored(_logger, buffer.WrittenCount);
                    continue;
                }

                Dispatch(buffer.WrittenSpan);
            }

            info = new LiveCloseInfo(socket.CloseStatus, socket.CloseStatusDescription, null);
            Log.ClosedByServer(_logger, (int?)info.Status, info.Description);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            info = new LiveCloseInfo(socket.CloseStatus, socket.CloseStatusDescription, ex);
            Log.ConnectionLost(_logger, ex);
        }

        // Fail waiters first: finishing the handshake can take a while (the client waits for the server to
        // drop the TCP connection), and nothing more will be answered anyway.
        if (ShouldReconnect)
        {
            await AcknowledgeCloseAsync(socket).ConfigureAwait(false);
            BeginReconnect(info);
            return;
        }

        Terminate(info);
        await AcknowledgeCloseAsync(socket).ConfigureAwait(false);
    }

    /// <summary>Answers the server's close frame so the handshake completes cleanly.</summary>
    private async Task AcknowledgeCloseAsync(ClientWebSocket socket)
    {
        if (socket.State != WebSocketState.CloseReceived)
        {
            return; // we started the close; the handshake is already complete
        }

        using var timeout = new CancellationTokenSource(_options.RequestTimeout, _time);
        try
        {
            await _sendLock.WaitAsync(timeout.Token).ConfigureAwait(false);
            try
            {
                await socket.CloseOutputAsync(socket.CloseStatus ?? WebSocketCloseStatus.NormalClosure, null, timeout.Token)
                    .ConfigureAwait(false);
            }
            finally
            {
                _sendLock.Release();
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            Log.CloseHandshakeFailed(_logger, ex);
        }
    }

    private void Dispatch(ReadOnlySpan<byte> frame)
    {
        JsonElement message;
        try
        {
            var reader = new Utf8JsonReader(frame);
            message = JsonElement.ParseValue(ref reader);
        }
        catch (JsonException ex)
        {
            Log.UnparsableMessage(_logger, ex);
            return;
        }

        try
        {
            MessageReceived?.Invoke(message);
            DispatchMessage(message);
        }
#pragma warning disable CA1031 // One bad message or handler must not stop the reader: every later message depends on it.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.DispatchFailed(_logger, ex);
        }
    }

    private void DispatchMessage(JsonElement message)
    {
        if (message.ValueKind != JsonValueKind.Object
            || !message.TryGetProperty("type", out var typeElement)
            || typeElement.ValueKind != JsonValueKind.String)
        {
            Log.MessageWithoutType(_logger);
            return;
        }

        // The commonest types are matched on their UTF-8 bytes, without a string per message.
        var type = typeElement.ValueEquals("result"u8) ? MessageTypes.Result
            : typeElement.ValueEquals("patch"u8) ? MessageTypes.Patch
            : typeElement.GetString()!;
        if (type == MessageTypes.Patch)
        {
            OnPatch(message);
            return;
        }

        var id = message.TryGetProperty("id", out var idElement) && idElement.ValueKind == JsonValueKind.String
            ? idElement.GetString()
            : null;
        switch (type)
        {
            case MessageTypes.Error when id is null:
                var error = LiveErrorException.FromMessage(message, "a frame");
                Log.ServerErrorWithoutId(_logger, error.Code, error.Message);
                break;
            case MessageTypes.Pong when id is null:
                break; // the answer to a heartbeat
            case MessageTypes.Token:
                OnToken(message);
                break;
            case MessageTypes.Event:
                RaiseEvent(message);
                break;
            case MessageTypes.Joined or MessageTypes.Left when id is null:
                break; // a room change the server made on its own; raw listeners see it
            case MessageTypes.Mounted or MessageTypes.State or MessageTypes.Result or MessageTypes.Unmounted
                or MessageTypes.Pong or MessageTypes.Refreshed or MessageTypes.Error or MessageTypes.Resumed
                or MessageTypes.Joined or MessageTypes.Left:
                if (id is null)
                {
                    Log.AnswerWithoutId(_logger, type);
                }
                else
                {
                    CompleteRequest(id, type, message);
                }

                break;
            default:
                Log.UnknownMessageType(_logger, type); // a later protocol version; ignore it
                break;
        }
    }

    private void CompleteRequest(string id, string type, JsonElement message)
    {
        if (!_pending.TryRemove(id, out var pending))
        {
            Log.UnmatchedAnswer(_logger, type, id);
            if (type == MessageTypes.Mounted && message.TryGetProperty("instance", out var instance)
                && instance.ValueKind == JsonValueKind.String)
            {
                // The mount timed out or was canceled but happened: nobody holds a handle, so let it go.
                _ = UnmountOrphanAsync(instance.GetString()!);
            }

            return;
        }

        if (pending.IsRaw)
        {
            pending.TrySetResult(message);
            return;
        }

        if (type == MessageTypes.Error)
        {
            pending.TrySetException(LiveErrorException.FromMessage(message, pending.Description));
            return;
        }

        if (type != pending.ExpectedType)
        {
            pending.TrySetException(new InvalidDataException(
                $"The server answered the {pending.Description} with '{type}' instead of '{pending.ExpectedType}'."));
            return;
        }

        try
        {
            pending.OnAnswer?.Invoke(message);
        }
        catch (Exception ex) when (ex is JsonException or InvalidDataException or InvalidOperationException or KeyNotFoundException or FormatException)
        {
            pending.TrySetException(new InvalidDataException($"The answer to the {pending.Description} is malformed: {ex.Message}", ex));
            return;
        }

        pending.TrySetResult(message);
    }

    private void OnPatch(JsonElement message)
    {
        var instance = message.TryGetProperty("instance", out var i) && i.ValueKind == JsonValueKind.String ? i.GetString() : null;
        if (instance is null || !_components.TryGetValue(instance, out var handle))
        {
            Log.PatchForUnknownInstance(_logger, instance);
            return;
        }

        // A patch without a usable version is a gap like any other: the handle resyncs.
        var version = message.TryGetProperty("version", out var v) && v.TryGetInt64(out var parsed) ? parsed : -1;
        var ops = message.TryGetProperty("ops", out var o) ? o : default;
        handle.OnPatch(version, ops);
    }

    private LiveComponentHandle AttachComponent(JsonElement mounted, JsonElement props)
    {
        var instance = mounted.GetProperty("instance").GetString()
            ?? throw new InvalidDataException("'instance' must be a string.");
        var component = mounted.GetProperty("component").GetString()
            ?? throw new InvalidDataException("'component' must be a string.");
        var version = mounted.GetProperty("version").GetInt64();
        var state = JsonNodes.FromElement(mounted.GetProperty("state"))
            ?? throw new InvalidDataException("'state' must not be null.");
        var handle = new LiveComponentHandle(this, instance, component, version, state)
        {
            Props = props.ValueKind == JsonValueKind.Object ? props.Clone() : default,
            StateToken = OptionalString(mounted, "token"),
            ResumeSecret = OptionalString(mounted, "resume"),
            IsReadOnly = mounted.TryGetProperty("readOnly", out var readOnly) && readOnly.ValueKind == JsonValueKind.True,
        };
        _components[instance] = handle;
        Log.Mounted(_logger, component, instance, version);
        return handle;
    }

    private void OnToken(JsonElement message)
    {
        if (OptionalString(message, "instance") is { } instance && _components.TryGetValue(instance, out var handle)
            && OptionalString(message, "token") is { } token)
        {
            handle.StateToken = token;
        }
    }

    private static string? OptionalString(JsonElement message, string name) =>
        message.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private void DetachComponent(LiveComponentHandle handle, Exception? reason)
    {
        _components.TryRemove(new KeyValuePair<string, LiveComponentHandle>(handle.InstanceId, handle));
        handle.Detach(reason);
    }

    private async Task UnmountOrphanAsync(string instance)
    {
        var id = NextRequestId();
        try
        {
            await SendRequestAsync(id, ClientMessages.Unmount(id, instance), $"unmount of orphan '{instance}'", MessageTypes.Unmounted, null, CancellationToken.None)
                .ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is LiveErrorException or LiveConnectionClosedException or TimeoutException)
        {
            Log.OrphanUnmountFailed(_logger, instance, ex);
        }
    }

    /// <summary>
    /// Ends the connection once: fails pending requests and state waiters, raises <see cref="Closed"/>, then completes
    /// <see cref="Completion"/>.
    /// </summary>
    private void Terminate(LiveCloseInfo info)
    {
        lock (_closeGate)
        {
            if (_closeInfo is not null)
            {
                return;
            }

            Volatile.Write(ref _closeInfo, info);
        }

        _heartbeat?.Dispose();
        foreach (var entry in _pending)
        {
            if (_pending.TryRemove(entry))
            {
                entry.Value.TrySetException(LiveConnectionClosedException.From(info));
            }
        }

        foreach (var entry in _components)
        {
            DetachComponent(entry.Value, LiveConnectionClosedException.From(info));
        }

        foreach (var handler in Closed?.GetInvocationList().Cast<Action<LiveCloseInfo>>() ?? [])
        {
            try
            {
                handler(info);
            }
#pragma warning disable CA1031 // A subscriber's exception must not escape the reader.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Log.HandlerFailed(_logger, nameof(Closed), ex);
            }
        }

        _completion.TrySetResult(info);
    }
}
