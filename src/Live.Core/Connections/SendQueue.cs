using System.Net.WebSockets;
using Live.Metrics;

namespace Live.Connections;

/// <summary>
/// The bounded queue of frames waiting to go to one connection, and the writer that sends them (a WebSocket allows
/// one sender at a time). A client that stops reading fills the queue; the session then closes it, so a slow
/// client costs at most <c>SendQueueCapacity</c> frames of memory.
/// </summary>
/// <remarks>
/// Nothing waits on an idle connection: a writer is started on the thread pool when a frame arrives and ends when
/// the queue is empty, and the queue itself is created with the first frame. (A channel with a reader parked on it
/// cost every idle connection the channel, its parked operation and two async state machines.) The answer to a
/// request may instead be written on the calling thread (<see cref="TryEnqueue(byte[], bool)"/>): on an idle queue
/// that saves a thread-pool hop and a worker wake-up per round trip.
/// </remarks>
internal sealed class SendQueue
{
    private readonly WebSocket socket;
    private readonly Func<object?, (int Code, string Reason)?> closeFrame;
    private readonly object? closeFrameState;
    private readonly CancellationToken cancellationToken;
    private readonly int capacity;
    private readonly int highWater;
    private readonly int lowWater;
    private readonly LiveMetrics? metrics;
    private readonly Lock gate = new();
    private Queue<byte[]>? frames;
    private bool writing;
    private bool finished;
    private TaskCompletionSource? roomWaiter;
    private TaskCompletionSource? completion;
    private volatile bool dropPending;

    /// <param name="socket">Where frames go.</param>
    /// <param name="closeFrame">Read once the queue is completed and drained: the close frame to send, if any.</param>
    /// <param name="capacity">The most frames queued; at this bound <see cref="TryEnqueue(byte[])"/> fails.</param>
    /// <param name="headroom">
    /// Room kept free for answers to requests already in progress: the receive loop stops reading new frames while
    /// fewer than this many slots are free, so a client that reads slowly is slowed down rather than cut off.
    /// </param>
    /// <param name="metrics">Counts the bytes sent, when given.</param>
    /// <param name="cancellationToken">Aborts a send in progress (a client that reads nothing while closing).</param>
    public SendQueue(
        WebSocket socket, Func<(int Code, string Reason)?> closeFrame, int capacity, int headroom, LiveMetrics? metrics, CancellationToken cancellationToken)
        : this(socket, static state => ((Func<(int Code, string Reason)?>)state!)(), closeFrame, capacity, headroom, metrics, cancellationToken)
    {
    }

    /// <summary>As above, with the close frame read from <paramref name="closeFrameState"/> by a static callback (no closure per connection).</summary>
    public SendQueue(
        WebSocket socket,
        Func<object?, (int Code, string Reason)?> closeFrame,
        object? closeFrameState,
        int capacity,
        int headroom,
        LiveMetrics? metrics,
        CancellationToken cancellationToken)
    {
        this.socket = socket;
        this.closeFrame = closeFrame;
        this.closeFrameState = closeFrameState;
        this.capacity = capacity;
        this.cancellationToken = cancellationToken;
        highWater = Math.Max(capacity / 2, capacity - headroom);
        lowWater = highWater / 2;
        this.metrics = metrics;
    }

    /// <summary>Whether the queue was closed for new frames.</summary>
    public bool IsCompleted { get; private set; }

    /// <summary>
    /// Completes once the queue is completed, every frame written (or dropped) and the close frame sent — or the
    /// socket failed.
    /// </summary>
    public Task Completion
    {
        get
        {
            lock (gate)
            {
                return finished ? Task.CompletedTask : (completion ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
            }
        }
    }

    /// <summary>Queues a frame; <see langword="false"/> when the queue is full or closed.</summary>
    public bool TryEnqueue(byte[] frame) => TryEnqueue(frame, writeInline: false);

    /// <summary>
    /// Queues a frame; <see langword="false"/> when the queue is full or closed. With <paramref name="writeInline"/>,
    /// when no writer is running the calling thread becomes the writer: it writes until the socket would wait (or the
    /// queue is empty) and returns; the rest continues on the thread pool as usual.
    /// </summary>
    public bool TryEnqueue(byte[] frame, bool writeInline)
    {
        lock (gate)
        {
            if (finished && !IsCompleted)
            {
                return true; // the socket failed: accepted and dropped, the receive loop is ending the session
            }

            if (IsCompleted || (frames?.Count ?? 0) >= capacity)
            {
                return false;
            }

            (frames ??= new Queue<byte[]>()).Enqueue(frame);
            if (writing)
            {
                return true;
            }

            writing = true;
        }

        if (writeInline)
        {
            WriteInline();
        }
        else
        {
            StartWriter();
        }

        return true;
    }

    /// <summary>
    /// Completes when the queue has room for the answers to another frame (or has been completed). The receive loop
    /// awaits it before reading, which turns a slow reader into TCP backpressure on its own sending.
    /// </summary>
    public Task WaitForRoomAsync()
    {
        lock (gate)
        {
            if ((frames?.Count ?? 0) <= highWater || IsCompleted)
            {
                return Task.CompletedTask;
            }

            roomWaiter ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return roomWaiter.Task;
        }
    }

    /// <summary>
    /// Stops accepting frames; the writer sends what is queued (or, with <paramref name="dropPending"/>, discards it)
    /// and then the close frame.
    /// </summary>
    public void Complete(bool dropPending)
    {
        if (dropPending)
        {
            this.dropPending = true;
        }

        bool start;
        lock (gate)
        {
            if (IsCompleted)
            {
                return;
            }

            IsCompleted = true;
            start = !writing;
            writing = true;
        }

        ReleaseWaiter();
        if (start)
        {
            StartWriter();
        }
    }

    private void StartWriter() =>
        ThreadPool.UnsafeQueueUserWorkItem(static queue => _ = queue.WriteAsync(), this, preferLocal: false);

    /// <summary>
    /// Runs the writer on this thread up to its first wait. Like the thread-pool writer it must not carry the caller's
    /// execution context (an instance queue's item marker, the caller's activity) into its continuations.
    /// </summary>
    private void WriteInline()
    {
        using (ExecutionContext.SuppressFlow())
        {
            _ = WriteAsync();
        }
    }

    /// <summary>Writes until the queue is empty; once it is completed and empty, sends the close frame and finishes.</summary>
    private async Task WriteAsync()
    {
        try
        {
            while (true)
            {
                byte[]? frame = null;
                int remaining;
                lock (gate)
                {
                    if (frames is { Count: > 0 })
                    {
                        frame = frames.Dequeue();
                    }
                    else if (!IsCompleted)
                    {
                        writing = false; // idle: the next frame starts a new writer
                        return;
                    }

                    remaining = frames?.Count ?? 0;
                }

                if (remaining <= lowWater && Volatile.Read(ref roomWaiter) is not null)
                {
                    ReleaseWaiter();
                }

                if (frame is null)
                {
                    break; // completed and drained
                }

                if (dropPending)
                {
                    continue;
                }

                await socket.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: true, cancellationToken).ConfigureAwait(false);
                metrics?.BytesSent(frame.Length);
            }

            ReleaseWaiter();
            if (closeFrame(closeFrameState) is { } close && socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await socket.CloseOutputAsync((WebSocketCloseStatus)close.Code, close.Reason, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The socket went away while sending; the receive loop notices on its own. Frames still queued are dropped
            // and "writing" stays set, so no further writer starts on a broken socket.
            dropPending = true;
        }

        Finish();
    }

    private void Finish()
    {
        TaskCompletionSource? waiter;
        lock (gate)
        {
            finished = true;
            frames?.Clear();
            waiter = completion;
        }

        ReleaseWaiter();
        waiter?.TrySetResult();
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
