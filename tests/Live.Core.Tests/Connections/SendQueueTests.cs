using System.Net.WebSockets;
using System.Text;
using System.Threading.Channels;
using Live.Connections;

namespace Live.Core.Tests.Connections;

/// <summary>
/// The send queue starts a writer when a frame arrives and lets it end when the queue is empty (nothing waits on an
/// idle connection); frames still go out in order, and completing sends what is queued and then the close frame.
/// </summary>
public sealed class SendQueueTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Frames_sent_in_bursts_with_idle_gaps_arrive_in_order_and_the_close_frame_comes_last()
    {
        var socket = new RecordingSocket();
        (int, string)? close = null;
        var queue = new SendQueue(socket, () => close, capacity: 64, headroom: 8, metrics: null, CancellationToken.None);

        for (var burst = 0; burst < 3; burst++)
        {
            for (var i = 0; i < 5; i++)
            {
                Assert.True(queue.TryEnqueue(Encoding.UTF8.GetBytes($"{burst}.{i}")));
            }

            // The writer drains the burst and ends; the next burst must start a new one.
            for (var i = 0; i < 5; i++)
            {
                Assert.Equal($"{burst}.{i}", await socket.Sent.Reader.ReadAsync().AsTask().WaitAsync(Wait));
            }
        }

        Assert.True(queue.TryEnqueue("last"u8.ToArray()));
        close = (1000, "bye");
        queue.Complete(dropPending: false);
        await queue.Completion.WaitAsync(Wait);

        Assert.Equal("last", await socket.Sent.Reader.ReadAsync().AsTask().WaitAsync(Wait));
        Assert.Equal("close 1000 bye", await socket.Sent.Reader.ReadAsync().AsTask().WaitAsync(Wait));
        Assert.False(queue.TryEnqueue("after"u8.ToArray()));
    }

    [Fact]
    public async Task Completing_an_idle_queue_sends_the_close_frame_and_completes()
    {
        var socket = new RecordingSocket();
        var queue = new SendQueue(socket, () => (4000, "idle"), capacity: 4, headroom: 1, metrics: null, CancellationToken.None);

        queue.Complete(dropPending: true);
        await queue.Completion.WaitAsync(Wait);

        Assert.Equal("close 4000 idle", await socket.Sent.Reader.ReadAsync().AsTask().WaitAsync(Wait));
    }

    [Fact]
    public void A_full_queue_refuses_frames()
    {
        var socket = new RecordingSocket(blockSends: true);
        var queue = new SendQueue(socket, () => null, capacity: 2, headroom: 1, metrics: null, CancellationToken.None);

        // The first frame may already be taken by the (blocked) writer, so up to three are accepted.
        var accepted = Enumerable.Range(0, 10).Count(i => queue.TryEnqueue([(byte)i]));

        Assert.InRange(accepted, 2, 3);
    }

    [Fact]
    public void An_inline_answer_on_an_idle_queue_is_written_before_TryEnqueue_returns()
    {
        var socket = new RecordingSocket();
        var queue = new SendQueue(socket, () => null, capacity: 4, headroom: 1, metrics: null, CancellationToken.None);

        Assert.True(queue.TryEnqueue("answer"u8.ToArray(), writeInline: true));

        // No thread-pool writer was involved: the frame is already on the socket.
        Assert.True(socket.Sent.Reader.TryRead(out var sent));
        Assert.Equal("answer", sent);
    }

    [Fact]
    public async Task An_inline_answer_behind_a_busy_writer_goes_out_after_the_frames_queued_before_it()
    {
        var socket = new RecordingSocket(gated: true);
        var queue = new SendQueue(socket, () => null, capacity: 8, headroom: 1, metrics: null, CancellationToken.None);

        Assert.True(queue.TryEnqueue("first"u8.ToArray(), writeInline: true)); // the caller's send waits at the gate
        Assert.True(queue.TryEnqueue("second"u8.ToArray()));
        Assert.True(queue.TryEnqueue("third"u8.ToArray(), writeInline: true));
        socket.OpenGate();

        Assert.Equal("first", await socket.Sent.Reader.ReadAsync().AsTask().WaitAsync(Wait));
        Assert.Equal("second", await socket.Sent.Reader.ReadAsync().AsTask().WaitAsync(Wait));
        Assert.Equal("third", await socket.Sent.Reader.ReadAsync().AsTask().WaitAsync(Wait));
    }

    [Fact]
    public async Task An_inline_writer_does_not_carry_the_callers_async_local_state_into_its_continuations()
    {
        var socket = new RecordingSocket(gated: true, recordMarker: true);
        var queue = new SendQueue(socket, () => null, capacity: 8, headroom: 1, metrics: null, CancellationToken.None);
        Marker.Value = "caller";

        Assert.True(queue.TryEnqueue("a"u8.ToArray(), writeInline: true));
        Assert.True(queue.TryEnqueue("b"u8.ToArray()));
        Marker.Value = null;
        socket.OpenGate();

        // Both sends completed after the gate, on continuations that must not see the caller's value.
        Assert.Equal("a:", await socket.Sent.Reader.ReadAsync().AsTask().WaitAsync(Wait));
        Assert.Equal("b:", await socket.Sent.Reader.ReadAsync().AsTask().WaitAsync(Wait));
    }

    private static readonly AsyncLocal<string?> Marker = new();

    private sealed class RecordingSocket(bool blockSends = false, bool gated = false, bool recordMarker = false) : WebSocket
    {
        private readonly TaskCompletionSource gate = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Channel<string> Sent { get; } = Channel.CreateUnbounded<string>();

        public void OpenGate() => gate.TrySetResult();

        public override WebSocketCloseStatus? CloseStatus => null;

        public override string? CloseStatusDescription => null;

        public override WebSocketState State => WebSocketState.Open;

        public override string? SubProtocol => "live.v1";

        public override async Task SendAsync(ArraySegment<byte> buffer, WebSocketMessageType messageType, bool endOfMessage, CancellationToken cancellationToken)
        {
            if (blockSends)
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            if (gated)
            {
                await gate.Task;
            }

            var text = Encoding.UTF8.GetString(buffer);
            Sent.Writer.TryWrite(recordMarker ? $"{text}:{Marker.Value}" : text);
        }

        public override Task CloseOutputAsync(WebSocketCloseStatus closeStatus, string? statusDescription, CancellationToken cancellationToken)
        {
            Sent.Writer.TryWrite($"close {(int)closeStatus} {statusDescription}");
            return Task.CompletedTask;
        }

        public override Task CloseAsync(WebSocketCloseStatus closeStatus, string? statusDescription, CancellationToken cancellationToken) =>
            CloseOutputAsync(closeStatus, statusDescription, cancellationToken);

        public override Task<WebSocketReceiveResult> ReceiveAsync(ArraySegment<byte> buffer, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public override void Abort()
        {
        }

        public override void Dispose()
        {
        }
    }
}
