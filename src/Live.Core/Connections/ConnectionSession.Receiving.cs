using System.Buffers;
using System.Net.WebSockets;
using Live.Protocol;

namespace Live.Connections;

/// <summary>The receive side of a session: reading whole frames within the size limit, with backpressure.</summary>
internal sealed partial class ConnectionSession
{
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
                return;
            }

            var buffer = ArrayPool<byte>.Shared.Rent(InitialReceiveBuffer);
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
                        return;
                    }

                    if (!tooLarge)
                    {
                        length += result.Count;
                    }
                }

                idleTimer?.Change(runtime.Options.ClientTimeout, Timeout.InfiniteTimeSpan);
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

                runtime.Dispatcher.Dispatch(this, buffer.AsSpan(0, length));
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }
}
