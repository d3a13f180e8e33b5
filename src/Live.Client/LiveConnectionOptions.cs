using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Live.Client;

/// <summary>Settings for a <see cref="LiveConnection"/>. The defaults suit a server with default <c>LiveOptions</c>.</summary>
public sealed class LiveConnectionOptions
{
    /// <summary>
    /// How long a request (mount, action, unmount, resync, ping) may wait for its answer before it fails with a
    /// <see cref="TimeoutException"/>. Default 30 seconds.
    /// </summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// After this long without sending anything, the client sends a <c>ping</c> so the server does not close the
    /// connection as idle (its default client timeout is 30 s). Default 10 seconds;
    /// <see cref="Timeout.InfiniteTimeSpan"/> turns the heartbeat off.
    /// </summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Configures the underlying WebSocket before it connects: request headers, cookies, certificates, proxy.</summary>
    public Action<ClientWebSocketOptions>? ConfigureWebSocket { get; set; }

    /// <summary>Where the connection logs; nothing is logged when <see langword="null"/>.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>
    /// Serializes props and action arguments and deserializes typed state and results. Default
    /// <see cref="JsonSerializerDefaults.Web"/> (camelCase names), matching the server's default.
    /// </summary>
    public JsonSerializerOptions JsonSerializerOptions { get; set; } = new(JsonSerializerDefaults.Web);

    /// <summary>The clock for request timeouts, heartbeats and state waits. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Reconnecting after a drop: off by default; see <see cref="LiveReconnectOptions"/>.</summary>
    public LiveReconnectOptions Reconnect { get; set; } = new();

    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(Reconnect, nameof(Reconnect));
        Reconnect.Validate();
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(RequestTimeout, TimeSpan.Zero, nameof(RequestTimeout));
        if (HeartbeatInterval != Timeout.InfiniteTimeSpan)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(HeartbeatInterval, TimeSpan.Zero, nameof(HeartbeatInterval));
        }

        ArgumentNullException.ThrowIfNull(JsonSerializerOptions, nameof(JsonSerializerOptions));
        ArgumentNullException.ThrowIfNull(TimeProvider, nameof(TimeProvider));
    }
}
