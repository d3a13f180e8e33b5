using System.Buffers;
using System.IO.Pipelines;

namespace Live.AspNetCore.Transport.Direct;

/// <summary>
/// The connection's pipes as the stream a <see cref="System.Net.WebSockets.WebSocket"/> reads and writes. Reads copy out
/// of the input pipe; a zero-byte read waits for data without taking a buffer (so an idle connection holds none);
/// each write is flushed at once (a WebSocket writes whole frames).
/// </summary>
internal sealed class DuplexPipeStream(IDuplexPipe transport) : Stream
{
    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> destination, CancellationToken cancellationToken = default)
    {
        var input = transport.Input;
        while (true)
        {
            var result = await input.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            if (destination.IsEmpty)
            {
                // A zero-byte read: report that data (or the end) is there, consume nothing.
                input.AdvanceTo(buffer.Start);
                return 0;
            }

            if (buffer.IsEmpty)
            {
                input.AdvanceTo(buffer.Start, buffer.End);
                if (result.IsCompleted || result.IsCanceled)
                {
                    return 0;
                }

                continue;
            }

            var count = (int)Math.Min(buffer.Length, destination.Length);
            var taken = buffer.Slice(0, count);
            taken.CopyTo(destination.Span);
            input.AdvanceTo(taken.End);
            return count;
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> source, CancellationToken cancellationToken = default)
    {
        var result = await transport.Output.WriteAsync(source, cancellationToken).ConfigureAwait(false);
        if (result.IsCanceled)
        {
            throw new OperationCanceledException(cancellationToken);
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("Only asynchronous reads.");

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("Only asynchronous writes.");

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
