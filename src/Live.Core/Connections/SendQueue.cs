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
    private readonly Lock gate = new();
    private readonly int highWater;
    private readonly int lowWater;
    private readonly LiveMetrics? metrics;
    private TaskCompletionSource? roomWaiter;
    private volatile bool dropPending;

    /// <param name="capacity">The most frames queued; at this bound <see cref="TryEnqueue"/> fails.</param>
    /// <param name="headroom">
    /// Room kept free for answers to requests already in progress: the receive loop stops reading new frames while
    /// fewer than this many slots are free, so a client that reads slowly is slowed down rather than cut off.
    /// </param>
    /// <param name="metrics">Counts the bytes sent, when given.</param>
    public SendQueue(int capacity, int headroom, LiveMetrics? metrics = null)
    {
        highWater = Math.Max(capacity / 2, capacity - headroom);
        lowWater = highWater / 2;
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

    /// <summary>
    /// Completes when the queue has room for the answers to another frame (or has been completed). The receive loop
    /// awaits it before reading, which turns a slow reader into TCP backpressure on its own sending.
    /// </summary>
    public Task WaitForRoomAsync()
    {
        if (channel.Reader.Count <= highWater || IsCompleted)
        {
            return Task.CompletedTask;
        }

        lock (gate)
        {
            if (channel.Reader.Count <= highWater || IsCompleted)
            {
                return Task.CompletedTask;
            }

            roomWaiter ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return roomWaiter.Task;
        }
    }

    /// <summary>Stops accepting frames. With <paramref name="dropPending"/> the frames still queued are discarded.</summary>
    public void Complete(bool dropPending)
    {
        if (dropPending)
        {
            this.dropPending = true;
        }

        IsCompleted = true;
        channel.Writer.TryComplete();
        ReleaseWaiter();
    }

    /// <summary>Writes frames until the queue is completed and drained, then sends the close frame if one is given.</summary>
    public async Task RunAsync(WebSocket socket, Func<(int Code, string Reason)?> closeFrame, CancellationToken cancellationToken)
    {
        var reader = channel.Reader;
        while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            while (reader.TryRead(out var frame))
            {
                if (roomWaiter is not null && reader.Count <= lowWater)
                {
                    ReleaseWaiter();
                }

                if (dropPending)
                {
                    continue;
                }

                await socket.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: true, cancellationToken).ConfigureAwait(false);
                metrics?.BytesSent(frame.Length);
            }
        }

        ReleaseWaiter();
        if (closeFrame() is { } close && socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            await socket.CloseOutputAsync((WebSocketCloseStatus)close.Code, close.Reason, cancellationToken).ConfigureAwait(false);
        }
    }

    private void ReleaseWaiter()
    {
        TaskCompletionSource? waiter;
        lock (gate)
        {
            waiter = roomWaiter;
            roomWaiter = null;
        }

        waiter?.TrySetResult();
    }
}
