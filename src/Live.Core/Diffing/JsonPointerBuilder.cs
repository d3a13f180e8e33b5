using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace Live.Diffing;

/// <summary>
/// The RFC 6901 JSON Pointer of the value being diffed, kept as UTF-8 in one pooled buffer that grows and shrinks
/// like a stack as the engine descends and returns, so emitting an op never allocates a path string.
/// </summary>
/// <remarks>A mutable struct: hold it in a field or local and pass it by <c>ref</c>, never by value.</remarks>
internal struct JsonPointerBuilder : IDisposable
{
    private byte[] _buffer;
    private int _length;

    public JsonPointerBuilder(int initialCapacity)
    {
        _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(initialCapacity, 64));
        _length = 0;
    }

    /// <summary>Bytes written; save it before appending a segment and pass it to <see cref="Truncate"/> after.</summary>
    public readonly int Length => _length;

    /// <summary>The pointer as UTF-8 (empty for the whole document).</summary>
    public readonly ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _length);

    public void Truncate(int length) => _length = length;

    public void AppendIndex(int index)
    {
        EnsureCapacity(12);
        _buffer[_length++] = (byte)'/';
        index.TryFormat(_buffer.AsSpan(_length), out var written, provider: System.Globalization.CultureInfo.InvariantCulture);
        _length += written;
    }

    /// <summary>Appends <c>/-</c> when an insert lands at the end of the array (it reads better), else the index.</summary>
    public void AppendInsertPosition(int index, bool appending)
    {
        if (appending)
        {
            AppendEnd();
        }
        else
        {
            AppendIndex(index);
        }
    }

    /// <summary>Appends <c>/-</c>: "after the last item" for an <c>add</c>.</summary>
    public void AppendEnd()
    {
        EnsureCapacity(2);
        _buffer[_length++] = (byte)'/';
        _buffer[_length++] = (byte)'-';
    }

    public void AppendMemberName(JsonProperty property)
    {
        // The raw name is JSON text; without a backslash it is already the UTF-8 of the name itself. Names needing
        // JSON escapes are rare, so only they pay for the decoded string.
        var raw = JsonMarshal.GetRawUtf8PropertyName(property);
        if (raw.IndexOf((byte)'\\') < 0)
        {
            AppendEscaped(raw);
            return;
        }

        var name = property.Name;
        var rented = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(name.Length));
        var count = Encoding.UTF8.GetBytes(name, rented);
        AppendEscaped(rented.AsSpan(0, count));
        ArrayPool<byte>.Shared.Return(rented);
    }

    /// <summary>Appends an already escaped pointer (or pointer suffix) as it is.</summary>
    public void AppendRaw(ReadOnlySpan<byte> escapedPointer)
    {
        EnsureCapacity(escapedPointer.Length);
        escapedPointer.CopyTo(_buffer.AsSpan(_length));
        _length += escapedPointer.Length;
    }

    /// <summary>Appends <c>/</c> and the segment with RFC 6901 escaping: <c>~</c> → <c>~0</c>, <c>/</c> → <c>~1</c>.</summary>
    public void AppendEscaped(ReadOnlySpan<byte> segment)
    {
        if (segment.IndexOfAny((byte)'~', (byte)'/') < 0)
        {
            EnsureCapacity(segment.Length + 1);
            _buffer[_length++] = (byte)'/';
            segment.CopyTo(_buffer.AsSpan(_length));
            _length += segment.Length;
            return;
        }

        EnsureCapacity((segment.Length * 2) + 1);
        _buffer[_length++] = (byte)'/';
        foreach (var b in segment)
        {
            switch (b)
            {
                case (byte)'~':
                    _buffer[_length++] = (byte)'~';
                    _buffer[_length++] = (byte)'0';
                    break;
                case (byte)'/':
                    _buffer[_length++] = (byte)'~';
                    _buffer[_length++] = (byte)'1';
                    break;
                default:
                    _buffer[_length++] = b;
                    break;
            }
        }
    }

    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        _length = 0;
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void EnsureCapacity(int additional)
    {
        if (_length + additional <= _buffer.Length)
        {
            return;
        }

        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + additional));
        _buffer.AsSpan(0, _length).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = larger;
    }
}
