using System.Collections.Concurrent;
using System.Text;

namespace Live.LoadTest.Hosting;

/// <summary>
/// A frame-level capture of what the server wrote: every WebSocket frame parsed from the socket bytes (after the
/// HTTP upgrade response), tallied by opcode and, for text frames, by the message's <c>type</c> (read from the first
/// bytes of the payload). Counts frames and wire bytes (header + payload) per kind, so a per-action figure can be
/// broken down into the frames that make it up.
/// </summary>
public sealed class WireFrameTally
{
    private readonly ConcurrentDictionary<string, Entry> kinds = new();

    /// <summary>A snapshot: kind → (frames, wire bytes).</summary>
    public IReadOnlyDictionary<string, (long Frames, long Bytes)> Snapshot() =>
        kinds.ToDictionary(k => k.Key, k => (Interlocked.Read(ref k.Value.Frames), Interlocked.Read(ref k.Value.Bytes)));

    /// <summary>A parser for one connection's output stream.</summary>
    public Parser NewParser() => new(this);

    private void Add(string kind, long bytes)
    {
        var entry = kinds.GetOrAdd(kind, _ => new Entry());
        Interlocked.Increment(ref entry.Frames);
        Interlocked.Add(ref entry.Bytes, bytes);
    }

    private sealed class Entry
    {
        public long Frames;
        public long Bytes;
    }

    /// <summary>Parses server → client bytes (unmasked frames) incrementally.</summary>
    public sealed class Parser(WireFrameTally tally)
    {
        private const int PeekBytes = 48;
        private readonly byte[] header = new byte[14];
        private readonly byte[] peek = new byte[PeekBytes];
        private bool upgraded;
        private int crlfMatched;
        private int headerLength;
        private int opcode;
        private long payloadLeft;
        private long frameBytes;
        private int peeked;
        private bool inPayload;
        private bool continuation;

        public void Feed(ReadOnlySpan<byte> data)
        {
            while (!data.IsEmpty)
            {
                if (!upgraded)
                {
                    // Skip the HTTP response up to the blank line.
                    var b = data[0];
                    data = data[1..];
                    crlfMatched = (crlfMatched, b) switch
                    {
                        (0 or 2, (byte)'\r') => crlfMatched + 1,
                        (1 or 3, (byte)'\n') => crlfMatched + 1,
                        (_, (byte)'\r') => 1,
                        _ => 0,
                    };
                    upgraded = crlfMatched == 4;
                    continue;
                }

                if (!inPayload)
                {
                    header[headerLength++] = data[0];
                    data = data[1..];
                    if (headerLength < 2)
                    {
                        continue;
                    }

                    var len7 = header[1] & 0x7F;
                    var needed = 2 + (len7 == 126 ? 2 : len7 == 127 ? 8 : 0) + ((header[1] & 0x80) != 0 ? 4 : 0);
                    if (headerLength < needed)
                    {
                        continue;
                    }

                    payloadLeft = len7 switch
                    {
                        126 => (header[2] << 8) | header[3],
                        127 => (long)System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(header.AsSpan(2, 8)),
                        _ => len7,
                    };
                    var op = header[0] & 0x0F;
                    if (op != 0)
                    {
                        opcode = op;
                        continuation = false;
                        peeked = 0;
                        frameBytes = 0;
                    }
                    else
                    {
                        continuation = true;
                    }

                    frameBytes += headerLength;
                    headerLength = 0;
                    inPayload = true;
                    if (payloadLeft == 0)
                    {
                        EndFrame();
                    }

                    continue;
                }

                var take = (int)Math.Min(payloadLeft, data.Length);
                if (peeked < PeekBytes)
                {
                    var copy = Math.Min(take, PeekBytes - peeked);
                    data[..copy].CopyTo(peek.AsSpan(peeked));
                    peeked += copy;
                }

                frameBytes += take;
                payloadLeft -= take;
                data = data[take..];
                if (payloadLeft == 0)
                {
                    EndFrame();
                }
            }
        }

        private void EndFrame()
        {
            inPayload = false;
            if ((header[0] & 0x80) == 0)
            {
                return; // FIN not set: the message continues in the next frame
            }

            _ = continuation;
            tally.Add(Kind(), frameBytes);
            frameBytes = 0;
        }

        private string Kind()
        {
            switch (opcode)
            {
                case 1:
                    var text = Encoding.UTF8.GetString(peek, 0, peeked);
                    var at = text.IndexOf("\"type\":\"", StringComparison.Ordinal);
                    if (at < 0)
                    {
                        return "text";
                    }

                    var start = at + 8;
                    var end = text.IndexOf('"', start);
                    return end < 0 ? "text" : text[start..end];
                case 2: return "binary";
                case 8: return "close";
                case 9: return "ping";
                case 10: return "pong";
                default: return $"opcode {opcode}";
            }
        }
    }
}
