using System.Buffers;
using System.Net.WebSockets;
using Live.RateLimiting;
using Live.Protocol;

namespace Live.Connections;

/// <summary>The receive side of a session: reading whole frames within the size limit, with backpressure.</summary>
internal sealed partial class ConnectionSession
{
    private int consecutiveRateLimited;
    private FrameBucket frameBucket;

    /// <summary>
    /// Whether the client said goodbye: it closed the connection with 1000 (normal) or 1001 (going away, a page being
    /// closed). Any other end — no close frame, or a close code such as the clients' 4100 for a dead connection — is a
    /// drop, after which the connection's room memberships are held for a resume.
    /// </summary>
    public bool ClosedDeliberately { get; private set; }

    private void NoteClientClose(WebSocketCloseStatus? status) =>
        ClosedDeliberately = status is WebSocketCloseStatus.NormalClosure or WebSocketCloseStatus.EndpointUnavailable;

    private async Task ReceiveLoopAsync()
    {
        var limits = runtime.Options.Limits;
        while (socket.State == WebSocketState.Open)
        {
            await sendQueue.WaitForRoomAsync().ConfigureAwait(false);
            if (sendQueue.IsCompleted)
            {
                return;
            }

            // A zero-byte read waits for the next frame without holding a buffer, so an idle connection costs no
            // receive buffer at all; one is rented only while a frame is being read.
            var result = await socket.ReceiveAsync(Memory<byte>.Empty, CancellationToken.None).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                NoteClientClose(socket.CloseStatus);
                return;
            }

            byte[]? buffer = ArrayPool<byte>.Shared.Rent(InitialReceiveBuffer);
            try
            {
                var length = 0;
                var tooLarge = false;
                while (!result.EndOfMessage)
                {
                    var capacity = Math.Min(buffer.Length, limits.MaxFrameBytes);
                    if (!tooLarge && length == capacity)
                    {
                        if (capacity >= limits.MaxFrameBytes)
                        {
                            // The frame goes on past the limit: read the rest into the same space and throw it away.
                            tooLarge = true;
                        }
                        else
                        {
                            var larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, limits.MaxFrameBytes));
                            buffer.AsSpan(0, length).CopyTo(larger);
                            ArrayPool<byte>.Shared.Return(buffer);
                            buffer = larger;
                            capacity = Math.Min(buffer.Length, limits.MaxFrameBytes);
                        }
                    }

                    var target = tooLarge ? buffer.AsMemory() : buffer.AsMemory(length, capacity - length);
                    result = await socket.ReceiveAsync(target, CancellationToken.None).ConfigureAwait(false);
                    runtime.Metrics.BytesReceived(result.Count);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        NoteClientClose(socket.CloseStatus);
                        return;
                    }

                    if (!tooLarge)
                    {
                        length += result.Count;
                    }
                }

                OnFrameReceived();
                if (!TryAdmitFrame(buffer.AsSpan(0, length), result.MessageType == WebSocketMessageType.Text, out var abusive))
                {
                    if (abusive)
                    {
                        return;
                    }

                    continue;
                }

                if (result.MessageType == WebSocketMessageType.Binary)
                {
                    runtime.Metrics.FrameRejected(ErrorCodes.BinaryNotSupported);
                    TrySend(ServerMessages.Error(null, new ProtocolError(ErrorCodes.BinaryNotSupported, "Binary frames are not supported; send JSON text frames.")));
                    continue;
                }

                if (tooLarge)
                {
                    runtime.Metrics.FrameRejected(ErrorCodes.FrameTooLarge);
                    TrySend(ServerMessages.Error(null, new ProtocolError(ErrorCodes.FrameTooLarge, $"The frame is larger than {limits.MaxFrameBytes} bytes.")));
                    continue;
                }

                // The dispatcher takes the buffer over (the parsed message points into it), so no copy is made.
                var frame = buffer;
                buffer = null;
                runtime.Dispatcher.Dispatch(this, frame, length);
            }
            finally
            {
                if (buffer is not null)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                }
            }
        }
    }

    /// <summary>
    /// Applies the per-connection frame rate limit. A frame over the limit is answered with <c>rate_limited</c> (with
    /// its request id when one can be read, and when to retry) and not handled; too many in a row close the
    /// connection with 4008.
    /// </summary>
    private bool TryAdmitFrame(ReadOnlySpan<byte> frame, bool isText, out bool abusive)
    {
        abusive = false;
        var limits = runtime.Options.Limits;
        if (frameBucket.TryTake(limits.InboundFramesPerSecond, limits.InboundFrameBurst, runtime.TimeProvider, out var wait))
        {
            consecutiveRateLimited = 0;
            return true;
        }

        runtime.Metrics.FrameRejected(ErrorCodes.RateLimited);
        if (++consecutiveRateLimited >= limits.MaxConsecutiveRateLimitedFrames)
        {
            Log.RateLimitAbuse(runtime.Logger, Context.ConnectionId, consecutiveRateLimited);
            _ = CloseAsync(CloseCodes.RateLimitExceeded, $"Rate limit exceeded: {consecutiveRateLimited} messages in a row over {limits.InboundFramesPerSecond} per second.");
            abusive = true;
            return false;
        }

        var retryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalMilliseconds));
        var id = isText ? FrameReader.SalvageId(frame) : null;
        TrySend(ServerMessages.Error(id, new ProtocolError(
            ErrorCodes.RateLimited,
            $"Too many messages: this connection may send {limits.InboundFramesPerSecond} per second (bursts of {limits.InboundFrameBurst}); retry after {retryAfter} ms.",
            RetryAfterMs: retryAfter)));
        return false;
    }
}
