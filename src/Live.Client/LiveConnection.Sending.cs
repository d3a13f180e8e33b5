using System.Globalization;
using System.Net.WebSockets;
using System.Text.Json;
using Live.Client.Protocol;

namespace Live.Client;

/// <summary>The writer side: requests and their answers, the send lock, the heartbeat.</summary>
public sealed partial class LiveConnection
{
    private async Task<JsonElement> SendRequestAsync(
        string id,
        ReadOnlyMemory<byte> frame,
        RequestDescription description,
        string? expectedType,
        Action<JsonElement>? onAnswer,
        CancellationToken ct)
    {
        ThrowIfClosed();
        var pending = new PendingRequest(this, id, description, expectedType, onAnswer);
        if (!_pending.TryAdd(id, pending))
        {
            throw new InvalidOperationException($"A request with id '{id}' is still waiting for its answer.");
        }

        // Terminate() may have swept the table between the check above and the add.
        if (Volatile.Read(ref _closeInfo) is { } closed)
        {
            _pending.TryRemove(new KeyValuePair<string, PendingRequest>(id, pending));
            throw LiveConnectionClosedException.From(closed);
        }

        // Static callbacks with the request as state: no closure, no CancellationTokenSource per request.
        using var timeout = _time.CreateTimer(static s => OnRequestTimedOut((PendingRequest)s!), pending, _options.RequestTimeout, Timeout.InfiniteTimeSpan);
        using var onCancel = ct.CanBeCanceled
            ? ct.UnsafeRegister(static (s, token) => OnRequestCanceled((PendingRequest)s!, token), pending)
            : default;

        try
        {
            await SendFrameAsync(frame, WebSocketMessageType.Text).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or OperationCanceledException)
        {
            _pending.TryRemove(new KeyValuePair<string, PendingRequest>(id, pending));
            if (Volatile.Read(ref _closeInfo) is { } info)
            {
                throw LiveConnectionClosedException.From(info);
            }

            throw new LiveConnectionClosedException(null, null, ex);
        }

        return await pending.Task.ConfigureAwait(false);
    }

    private static void OnRequestTimedOut(PendingRequest pending)
    {
        var connection = pending.Owner;
        if (connection._pending.TryRemove(new KeyValuePair<string, PendingRequest>(pending.Id, pending)))
        {
            pending.TrySetException(new TimeoutException(
                $"The {pending.Description} was not answered within {connection._options.RequestTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s."));
        }
    }

    private static void OnRequestCanceled(PendingRequest pending, CancellationToken ct)
    {
        if (pending.Owner._pending.TryRemove(new KeyValuePair<string, PendingRequest>(pending.Id, pending)))
        {
            pending.TrySetCanceled(ct);
        }
    }

    private async Task SendFrameAsync(ReadOnlyMemory<byte> frame, WebSocketMessageType type)
    {
        await _sendLock.WaitAsync(_lifetime.Token).ConfigureAwait(false);
        try
        {
            // Never the caller's token: canceling a WebSocket send aborts the whole socket.
            await _socket.SendAsync(frame, type, endOfMessage: true, _lifetime.Token).ConfigureAwait(false);
        }
        finally
        {
            _sendLock.Release();
        }

        // Something was sent, so the next heartbeat is due a full interval from now. Recorded, not rescheduled:
        // moving the timer on every frame took the timer queue's lock once more per request.
        Volatile.Write(ref _lastSent, _time.GetTimestamp());
    }

    private void OnHeartbeatDue()
    {
        // Sent something since? Then wait out the rest of the interval from that send.
        var quiet = _time.GetElapsedTime(Volatile.Read(ref _lastSent));
        if (quiet < _options.HeartbeatInterval)
        {
            try
            {
                _heartbeat?.Change(_options.HeartbeatInterval - quiet, _options.HeartbeatInterval);
            }
            catch (ObjectDisposedException)
            {
                // The connection ended meanwhile; there is no heartbeat to move.
            }

            return;
        }

        if (IsConnected)
        {
            _ = SendHeartbeatAsync();
        }
    }

    private async Task SendHeartbeatAsync()
    {
        try
        {
            await SendFrameAsync(ClientMessages.Heartbeat, WebSocketMessageType.Text).ConfigureAwait(false);
            Log.HeartbeatSent(_logger);
        }
        catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or OperationCanceledException)
        {
            Log.HeartbeatFailed(_logger, ex);
        }
    }

    private string NextRequestId() =>
        Interlocked.Increment(ref _lastRequestId).ToString(CultureInfo.InvariantCulture);

    private void ThrowIfClosed()
    {
        if (Volatile.Read(ref _closeInfo) is { } info)
        {
            throw LiveConnectionClosedException.From(info);
        }
    }
}
