using Microsoft.Extensions.Logging;

namespace Live.Client;

public sealed partial class LiveConnection
{
    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Debug, "Connected to {Uri}.")]
        public static partial void Connected(ILogger logger, Uri uri);

        [LoggerMessage(2, LogLevel.Warning, "Connecting to {Uri} failed with HTTP {StatusCode}: {Reason}")]
        public static partial void ConnectFailed(ILogger logger, Uri uri, int statusCode, string? reason, Exception exception);

        [LoggerMessage(3, LogLevel.Information, "The server closed the connection with {CloseStatus}: {CloseDescription}")]
        public static partial void ClosedByServer(ILogger logger, int? closeStatus, string? closeDescription);

        [LoggerMessage(4, LogLevel.Warning, "The connection was lost.")]
        public static partial void ConnectionLost(ILogger logger, Exception exception);

        [LoggerMessage(5, LogLevel.Debug, "The close handshake did not complete.")]
        public static partial void CloseHandshakeFailed(ILogger logger, Exception exception);

        [LoggerMessage(6, LogLevel.Warning, "Ignored a frame that is not JSON.")]
        public static partial void UnparsableMessage(ILogger logger, Exception exception);

        [LoggerMessage(7, LogLevel.Warning, "Ignored a binary frame of {Length} bytes: live.v1 servers send text frames only.")]
        public static partial void BinaryFrameIgnored(ILogger logger, int length);

        [LoggerMessage(8, LogLevel.Warning, "Ignored a message without a string 'type'.")]
        public static partial void MessageWithoutType(ILogger logger);

        [LoggerMessage(9, LogLevel.Debug, "Ignored a message of unknown type '{Type}'.")]
        public static partial void UnknownMessageType(ILogger logger, string type);

        [LoggerMessage(10, LogLevel.Warning, "The server reported {Code} for a frame it could not match to a request: {Message}")]
        public static partial void ServerErrorWithoutId(ILogger logger, string code, string message);

        [LoggerMessage(11, LogLevel.Warning, "Ignored a '{Type}' answer without an id.")]
        public static partial void AnswerWithoutId(ILogger logger, string type);

        [LoggerMessage(12, LogLevel.Debug, "Ignored a '{Type}' answer to request {RequestId}, which is no longer waiting.")]
        public static partial void UnmatchedAnswer(ILogger logger, string type, string requestId);

        [LoggerMessage(13, LogLevel.Debug, "Ignored a patch for instance '{Instance}', which is not mounted here.")]
        public static partial void PatchForUnknownInstance(ILogger logger, string? instance);

        [LoggerMessage(14, LogLevel.Debug, "Mounted {Component} as '{Instance}' at version {Version}.")]
        public static partial void Mounted(ILogger logger, string component, string instance, long version);

        [LoggerMessage(15, LogLevel.Information, "Requested a resync of '{Instance}' (request {RequestId}).")]
        public static partial void ResyncRequested(ILogger logger, string instance, string requestId);

        [LoggerMessage(16, LogLevel.Warning, "The resync of '{Instance}' failed.")]
        public static partial void ResyncFailed(ILogger logger, string instance, Exception exception);

        [LoggerMessage(17, LogLevel.Debug, "Could not unmount orphaned instance '{Instance}'.")]
        public static partial void OrphanUnmountFailed(ILogger logger, string instance, Exception exception);

        [LoggerMessage(18, LogLevel.Trace, "Sent a heartbeat ping.")]
        public static partial void HeartbeatSent(ILogger logger);

        [LoggerMessage(19, LogLevel.Debug, "Could not send a heartbeat ping.")]
        public static partial void HeartbeatFailed(ILogger logger, Exception exception);

        [LoggerMessage(20, LogLevel.Error, "Dispatching a message failed.")]
        public static partial void DispatchFailed(ILogger logger, Exception exception);

        [LoggerMessage(21, LogLevel.Error, "A {Event} handler threw.")]
        public static partial void HandlerFailed(ILogger logger, string @event, Exception exception);

        [LoggerMessage(22, LogLevel.Information, "The connection dropped (close status {Status}); reconnecting.")]
        public static partial void Reconnecting(ILogger logger, int? status);

        [LoggerMessage(23, LogLevel.Information, "Reconnect attempt {Attempt} failed.")]
        public static partial void ReconnectAttemptFailed(ILogger logger, int attempt, Exception exception);

        [LoggerMessage(24, LogLevel.Information, "Reconnected to {Uri} after {Attempts} attempt(s).")]
        public static partial void Reconnected(ILogger logger, Uri uri, int attempts);

        [LoggerMessage(25, LogLevel.Warning, "Could not bring back '{Component}' after reconnecting.")]
        public static partial void RestoreFailed(ILogger logger, string component, Exception exception);

        [LoggerMessage(26, LogLevel.Debug, "Resume of '{Instance}' refused ({Code}); trying the next way.")]
        public static partial void ResumeRefused(ILogger logger, string instance, string code);

        [LoggerMessage(27, LogLevel.Debug, "Rehydrate of '{Component}' refused ({Code}); mounting afresh.")]
        public static partial void RehydrateRefused(ILogger logger, string component, string code);
    }
}
