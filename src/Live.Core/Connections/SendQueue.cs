using System.Net.WebSockets;
using System.Threading.Channels;
using Live.Metrics;

namespace Live.Connections;

/// <summary>
/// The bounded queue of frames waiting to go to one connection, and the single loop that writes them (a WebSocket
/// allows one sender at a time). A client that stops reading fills the queue; the session then closes it, so a
/// slow client costs at most <c>SendQueueCapacity</c> frames of memory.
/// </summary>
internal sealed class SendQueue
{
    private readonly Channel<byte[]> channel;
    private readonly LiveMetrics? metrics;
    private volatile bool dropPending;

    public SendQueue(int capacity, LiveMetrics? metrics = null)
    {
        this.metrics = metrics;
        channel = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>Queues a frame; <see langword="false"/> when the queue is full or closed.</summary>
    public bool TryEnqueue(byte[] frame) => channel.Writer.TryWrite(frame);

    /// <summary>Whether the queue was closed for new frames.</summary>
    public bool IsCompleted { get; private set; }

    /// <summary>Stops accepting frames. With <paramref name="dropPending"/> the frames still queued are discarded.</summary>
    public void Complete(bool dropPending)
    {
        if (dropPending)
        {
            this.dropPending = true;
        }

        IsCompleted = true;
        channel.Writer.TryComplete();
    }

    /// <summary>Writes frames until the queue is completed and drained, then sends the close frame if one is given.</summary>
    public async Task RunAsync(WebSocket socket, Func<(int Code, string Reason)?> closeFrame, CancellationToken cancellationToken)
    {
        var reader = channel.Reader;
        while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            while (reader.TryRead(out var frame))
            {
                if (dropPending)
                {
                    continue;
                }

                await socket.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: true, cancellationToken).ConfigureAwait(false);
                metrics?.BytesSent(frame.Length);
            }
        }

        if (closeFrame() is { } close && socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            await socket.CloseOutputAsync((WebSocketCloseStatus)close.Code, close.Reason, cancellationToken).ConfigureAwait(false);
        }
    }
}
