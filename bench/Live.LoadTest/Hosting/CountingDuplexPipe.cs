using System.IO.Pipelines;

namespace Live.LoadTest.Hosting;

/// <summary>
/// Wraps a Kestrel connection's transport and counts the bytes the server consumed and wrote, so both servers are
/// measured at the same place: what goes over the socket.
/// </summary>
internal sealed class CountingDuplexPipe(IDuplexPipe inner, ByteCounter counter) : IDuplexPipe
{
    public PipeReader Input { get; } = new CountingReader(inner.Input, counter);

    public PipeWriter Output { get; } = new CountingWriter(inner.Output, counter);

    private sealed class CountingReader(PipeReader inner, ByteCounter counter) : PipeReader
    {
        private System.Buffers.ReadOnlySequence<byte> last;

        public override void AdvanceTo(SequencePosition consumed) => AdvanceTo(consumed, consumed);

        public override void AdvanceTo(SequencePosition consumed, SequencePosition examined)
        {
            counter.AddReceived(last.Slice(last.Start, consumed).Length);
            inner.AdvanceTo(consumed, examined);
        }

        public override void CancelPendingRead() => inner.CancelPendingRead();

        public override void Complete(Exception? exception = null) => inner.Complete(exception);

        public override async ValueTask<ReadResult> ReadAsync(CancellationToken cancellationToken = default)
        {
            var result = await inner.ReadAsync(cancellationToken);
            last = result.Buffer;
            return result;
        }

        public override bool TryRead(out ReadResult result)
        {
            if (inner.TryRead(out result))
            {
                last = result.Buffer;
                return true;
            }

            return false;
        }
    }

    private sealed class CountingWriter(PipeWriter inner, ByteCounter counter) : PipeWriter
    {
        private readonly WireFrameTally.Parser? frames = counter.CaptureFrames ? counter.Frames.NewParser() : null;
        private Memory<byte> last;

        public override void Advance(int bytes)
        {
            counter.AddSent(bytes);
            frames?.Feed(last.Span[..bytes]);
            inner.Advance(bytes);
        }

        public override void CancelPendingFlush() => inner.CancelPendingFlush();

        public override void Complete(Exception? exception = null) => inner.Complete(exception);

        public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default)
        {
            counter.Flushed();
            return inner.FlushAsync(cancellationToken);
        }

        public override Memory<byte> GetMemory(int sizeHint = 0) => last = inner.GetMemory(sizeHint);

        public override Span<byte> GetSpan(int sizeHint = 0) => (last = inner.GetMemory(sizeHint)).Span;
    }
}
