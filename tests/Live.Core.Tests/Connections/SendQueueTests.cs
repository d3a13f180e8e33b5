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

    private sealed class RecordingSocket(bool blockSends = false) : WebSocket
    {
        public Channel<string> Sent { get; } = Channel.CreateUnbounded<string>();

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

            Sent.Writer.TryWrite(Encoding.UTF8.GetString(buffer));
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
