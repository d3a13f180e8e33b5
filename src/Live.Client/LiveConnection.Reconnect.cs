using System.Net.WebSockets;
using System.Text.Json;
using Live.Client.Protocol;
using Microsoft.Extensions.Logging;

namespace Live.Client;

/// <summary>Reconnecting: backoff with jitter, a new socket, and each component resumed, rehydrated or mounted again.</summary>
public sealed partial class LiveConnection
{
    private int _closingByClient;
    private int _reconnecting;

    /// <summary>
    /// Raised when the connection dropped and reconnecting starts, once the first backoff wait has begun (only with
    /// <see cref="LiveReconnectOptions.Enabled"/>).
    /// Requests in flight have failed with <see cref="LiveConnectionClosedException"/>; new ones fail the same way
    /// until <see cref="Reconnected"/>.
    /// </summary>
    public event Action<LiveCloseInfo>? Reconnecting;

    /// <summary>Raised when a new connection is open and every component has been restored (see <see cref="LiveComponentHandle.Restored"/>).</summary>
    public event Action? Reconnected;

    /// <summary>Whether the connection is between a drop and the end of reconnecting.</summary>
    public bool IsReconnecting => Volatile.Read(ref _reconnecting) != 0;

    private bool ShouldReconnect => _options.Reconnect.Enabled
        && Volatile.Read(ref _closingByClient) == 0
        && Volatile.Read(ref _disposed) == 0
        && !_lifetime.IsCancellationRequested;

    /// <summary>The socket ended and the client wants it back: fail what waits, then reconnect in the background.</summary>
    private void BeginReconnect(LiveCloseInfo info)
    {
        Volatile.Write(ref _reconnecting, 1);
        FailPending(info);
        Log.Reconnecting(_logger, (int?)info.Status);
        _ = ReconnectAsync(info);
    }

    private async Task ReconnectAsync(LiveCloseInfo lastClose)
    {
        var reconnect = _options.Reconnect;
        for (var attempt = 0; attempt < reconnect.MaxAttempts; attempt++)
        {
            try
            {
                var wait = Task.Delay(reconnect.DelayFor(attempt, Random.Shared), _time, _lifetime.Token);
                if (attempt == 0)
                {
                    // Raised once the first wait has begun (a test clock advanced from the handler moves it on).
                    Raise(Reconnecting, lastClose, nameof(Reconnecting));
                }

                await wait.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            if (!ShouldReconnect)
            {
                break;
            }

            ClientWebSocket socket;
            try
            {
                socket = await OpenSocketAsync(_uri, _options, _logger, _lifetime.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is LiveConnectException or OperationCanceledException)
            {
                Log.ReconnectAttemptFailed(_logger, attempt + 1, ex);
                continue;
            }

            var previous = _socket;
            _socket = socket;
            previous.Dispose();
            Volatile.Write(ref _reconnecting, 0);
            _receiveLoop = Task.Run(() => ReceiveLoopAsync(socket), CancellationToken.None);
            Log.Reconnected(_logger, _uri, attempt + 1);
            if (await RestoreComponentsAsync().ConfigureAwait(false))
            {
                Raise(Reconnected, nameof(Reconnected));
            }

            return;
        }

        Volatile.Write(ref _reconnecting, 0);
        Terminate(lastClose);
    }

    /// <summary>Brings every component back on the new socket. Returns <see langword="false"/> when the socket dropped again meanwhile.</summary>
    private async Task<bool> RestoreComponentsAsync()
    {
        foreach (var handle in _components.Values.Distinct().ToArray())
        {
            try
            {
                var kind = await RestoreAsync(handle).ConfigureAwait(false);
                if (kind is { } restored)
                {
                    handle.OnRestored(restored);
                }
            }
            catch (LiveConnectionClosedException)
            {
                return false; // the next drop starts another round
            }
            catch (Exception ex) when (ex is LiveErrorException or TimeoutException or InvalidDataException)
            {
                Log.RestoreFailed(_logger, handle.Component, ex);
                DetachComponent(handle, ex);
            }
        }

        return true;
    }

    /// <summary>resume → rehydrate → mount, the first that works.</summary>
    private async Task<LiveRestoreKind?> RestoreAsync(LiveComponentHandle handle)
    {
        var instance = handle.InstanceId;
        if (handle.ResumeSecret is { } secret)
        {
            var id = NextRequestId();
            try
            {
                await SendRequestAsync(id, ClientMessages.Resume(id, instance, secret, handle.Version), $"resume of '{instance}' (request {id})",
                    MessageTypes.Resumed, handle.ApplyResumed, CancellationToken.None).ConfigureAwait(false);
                return LiveRestoreKind.Resumed;
            }
            catch (LiveErrorException ex)
            {
                Log.ResumeRefused(_logger, instance, ex.Code);
            }
        }

        if (handle.StateToken is { } token)
        {
            var id = NextRequestId();
            try
            {
                await SendRequestAsync(id, ClientMessages.Rehydrate(id, handle.Component, token, handle.Props), $"rehydrate of '{handle.Component}' (request {id})",
                    MessageTypes.Mounted, answer => Rebind(handle, answer), CancellationToken.None).ConfigureAwait(false);
                return LiveRestoreKind.Rehydrated;
            }
            catch (LiveErrorException ex)
            {
                Log.RehydrateRefused(_logger, handle.Component, ex.Code);
            }
        }

        var mountId = NextRequestId();
        await SendRequestAsync(mountId, ClientMessages.Mount(mountId, handle.Component, handle.Props), $"mount of '{handle.Component}' (request {mountId})",
            MessageTypes.Mounted, answer => Rebind(handle, answer), CancellationToken.None).ConfigureAwait(false);
        return LiveRestoreKind.Mounted;
    }

    /// <summary>A rehydrate or mount answer gave the handle a new instance (reader: before any patch for it).</summary>
    private void Rebind(LiveComponentHandle handle, JsonElement mounted)
    {
        var previous = handle.InstanceId;
        handle.ApplyMounted(mounted);
        _components.TryRemove(new KeyValuePair<string, LiveComponentHandle>(previous, handle));
        _components[handle.InstanceId] = handle;
    }

    private void FailPending(LiveCloseInfo info)
    {
        foreach (var entry in _pending)
        {
            if (_pending.TryRemove(entry))
            {
                entry.Value.TrySetException(LiveConnectionClosedException.From(info));
            }
        }
    }

    private void Raise<T>(Action<T>? handlers, T argument, string name)
    {
        foreach (var handler in handlers?.GetInvocationList().Cast<Action<T>>() ?? [])
        {
            try
            {
                handler(argument);
            }
#pragma warning disable CA1031 // A subscriber's exception must not stop reconnecting.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Log.HandlerFailed(_logger, name, ex);
            }
        }
    }

    private void Raise(Action? handlers, string name)
    {
        foreach (var handler in handlers?.GetInvocationList().Cast<Action>() ?? [])
        {
            try
            {
                handler();
            }
#pragma warning disable CA1031 // A subscriber's exception must not stop reconnecting.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Log.HandlerFailed(_logger, name, ex);
            }
        }
    }
}
