using System.Buffers;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Live.AspNetCore.Transport.Direct;

/// <summary>What the first bytes of a connection turned out to be.</summary>
internal enum UpgradeParse
{
    /// <summary>Still a possible Live upgrade; wait for more bytes.</summary>
    NeedMore,

    /// <summary>A complete, plain WebSocket upgrade of a Live path: taken at the connection level.</summary>
    Upgrade,

    /// <summary>Anything else: the bytes go to Kestrel's HTTP untouched.</summary>
    Decline,
}

/// <summary>
/// Recognizes a plain WebSocket upgrade request for a Live path in the first bytes of a connection. It accepts only
/// what it can read without doubt — an HTTP/1.1 <c>GET</c> of a literal path, printable ASCII headers within Kestrel's
/// limits, no body, no folded lines, the WebSocket headers of RFC 6455 — and declines everything else, which then goes
/// to Kestrel's HTTP parser and the <c>MapLive</c> endpoint exactly as without the direct path. So it never answers a
/// malformed request itself: it either owns the connection from its first byte or leaves every byte alone.
/// </summary>
internal static class UpgradeRequestParser
{
    private static ReadOnlySpan<byte> Get => "GET "u8;

    private static ReadOnlySpan<byte> Http11 => " HTTP/1.1"u8;

    private static ReadOnlySpan<byte> Crlf => "\r\n"u8;

    private static ReadOnlySpan<byte> EndOfHeaders => "\r\n\r\n"u8;

    /// <param name="buffer">The bytes received so far.</param>
    /// <param name="limits">Kestrel's request line and header limits.</param>
    /// <param name="isLivePath">Whether a (decoded-free, literal) path is one of the app's Live endpoints.</param>
    /// <param name="request">With <see cref="UpgradeParse.Upgrade"/>, the request.</param>
    /// <param name="consumed">With <see cref="UpgradeParse.Upgrade"/>, the position after the header block.</param>
    public static UpgradeParse Parse(
        ReadOnlySequence<byte> buffer,
        UpgradeLimits limits,
        Func<string, bool> isLivePath,
        out UpgradeRequest? request,
        out SequencePosition consumed)
    {
        request = null;
        consumed = buffer.Start;

        // Most connections are decided by their first bytes: TLS, HTTP/2's preface, other methods.
        var head = buffer.Length >= Get.Length ? buffer.Slice(0, Get.Length) : buffer;
        if (!StartsLike(head, Get))
        {
            return UpgradeParse.Decline;
        }

        var reader = new SequenceReader<byte>(buffer);
        if (!reader.TryReadTo(out ReadOnlySequence<byte> block, EndOfHeaders, advancePastDelimiter: true))
        {
            return buffer.Length > limits.MaxRequestLineSize + limits.MaxHeadersTotalSize
                ? UpgradeParse.Decline
                : FirstLineStillPossible(buffer, limits, isLivePath) ? UpgradeParse.NeedMore : UpgradeParse.Decline;
        }

        var text = block.IsSingleSegment ? block.FirstSpan : block.ToArray();
        var lineEnd = text.IndexOf(Crlf);
        var requestLine = lineEnd < 0 ? text : text[..lineEnd];
        if (requestLine.Length > limits.MaxRequestLineSize || !TryReadTarget(requestLine, isLivePath, out var path, out var query))
        {
            return UpgradeParse.Decline;
        }

        var headerBlock = lineEnd < 0 ? [] : text[(lineEnd + Crlf.Length)..];
        if (headerBlock.Length + EndOfHeaders.Length > limits.MaxHeadersTotalSize
            || !TryReadHeaders(headerBlock, limits.MaxHeaderCount, out var headers)
            || !IsWebSocketUpgrade(headers))
        {
            return UpgradeParse.Decline;
        }

        request = new UpgradeRequest(path, query, headers);
        consumed = reader.Position;
        return UpgradeParse.Upgrade;
    }

    private static bool StartsLike(ReadOnlySequence<byte> head, ReadOnlySpan<byte> expected)
    {
        Span<byte> first = stackalloc byte[expected.Length];
        var length = (int)Math.Min(head.Length, expected.Length);
        head.Slice(0, length).CopyTo(first);
        return first[..length].SequenceEqual(expected[..length]);
    }

    /// <summary>Without the whole header block yet: decline as soon as the request line says it is not for Live.</summary>
    private static bool FirstLineStillPossible(ReadOnlySequence<byte> buffer, UpgradeLimits limits, Func<string, bool> isLivePath)
    {
        var reader = new SequenceReader<byte>(buffer);
        if (!reader.TryReadTo(out ReadOnlySequence<byte> line, Crlf))
        {
            return buffer.Length <= limits.MaxRequestLineSize;
        }

        var span = line.IsSingleSegment ? line.FirstSpan : line.ToArray();
        return span.Length <= limits.MaxRequestLineSize && TryReadTarget(span, isLivePath, out _, out _);
    }

    /// <summary><c>GET /path[?query] HTTP/1.1</c>, the target printable ASCII with no percent-encoding in the path.</summary>
    private static bool TryReadTarget(ReadOnlySpan<byte> line, Func<string, bool> isLivePath, out string path, out string query)
    {
        path = query = string.Empty;
        if (!line.StartsWith(Get) || !line.EndsWith(Http11))
        {
            return false;
        }

        var target = line[Get.Length..^Http11.Length];
        if (target.IsEmpty || target[0] != (byte)'/')
        {
            return false;
        }

        foreach (var b in target)
        {
            if (b is <= 0x20 or >= 0x7F)
            {
                return false;
            }
        }

        var question = target.IndexOf((byte)'?');
        var pathBytes = question < 0 ? target : target[..question];
        if (pathBytes.Contains((byte)'%') || pathBytes.Contains((byte)'#') || (question >= 0 && target[question..].Contains((byte)'#')))
        {
            return false; // decoding and fragments are the HTTP parser's business
        }

        path = Encoding.ASCII.GetString(pathBytes);
        query = question < 0 ? string.Empty : Encoding.ASCII.GetString(target[question..]);
        return isLivePath(path);
    }

    private static bool TryReadHeaders(ReadOnlySpan<byte> block, int maxCount, out IHeaderDictionary headers)
    {
        headers = new HeaderDictionary();
        var count = 0;
        while (!block.IsEmpty)
        {
            var end = block.IndexOf(Crlf);
            var line = end < 0 ? block : block[..end];
            block = end < 0 ? [] : block[(end + Crlf.Length)..];
            if (++count > maxCount || !TryReadHeader(line, out var name, out var value))
            {
                return false;
            }

            headers.Append(name, value);
        }

        return true;
    }

    /// <summary><c>name: value</c>: a token name, a value of visible ASCII, spaces and tabs; no folding, no bare CR or LF.</summary>
    private static bool TryReadHeader(ReadOnlySpan<byte> line, out string name, out string value)
    {
        name = value = string.Empty;
        var colon = line.IndexOf((byte)':');
        if (colon <= 0)
        {
            return false;
        }

        foreach (var b in line[..colon])
        {
            if (!IsTokenChar(b))
            {
                return false;
            }
        }

        var raw = line[(colon + 1)..];
        foreach (var b in raw)
        {
            if (b is not ((>= 0x20 and < 0x7F) or 0x09))
            {
                return false;
            }
        }

        name = Encoding.ASCII.GetString(line[..colon]);
        value = Encoding.ASCII.GetString(raw.Trim(" \t"u8));
        return true;
    }

    private static bool IsTokenChar(byte b) =>
        b is (>= (byte)'a' and <= (byte)'z') or (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'0' and <= (byte)'9')
            or (byte)'!' or (byte)'#' or (byte)'$' or (byte)'%' or (byte)'&' or (byte)'\'' or (byte)'*' or (byte)'+'
            or (byte)'-' or (byte)'.' or (byte)'^' or (byte)'_' or (byte)'`' or (byte)'|' or (byte)'~';

    /// <summary>RFC 6455 §4.2.1, with no body and exactly one Host.</summary>
    private static bool IsWebSocketUpgrade(IHeaderDictionary headers) =>
        headers.Host.Count == 1
        && headers.Host[0]!.Length > 0
        && !headers.ContainsKey(HeaderNames.ContentLength)
        && !headers.ContainsKey(HeaderNames.TransferEncoding)
        && HasToken(headers.Upgrade, "websocket")
        && HasToken(headers.Connection, "upgrade")
        && headers.SecWebSocketVersion is [ "13" ]
        && headers.SecWebSocketKey is [ { } key ] && IsNonce(key);

    private static bool HasToken(StringValues values, string token)
    {
        foreach (var value in values)
        {
            foreach (var part in value!.Split(',', StringSplitOptions.TrimEntries))
            {
                if (string.Equals(part, token, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>The key is the base64 of 16 bytes.</summary>
    private static bool IsNonce(string key)
    {
        Span<byte> bytes = stackalloc byte[18];
        return key.Length == 24 && Convert.TryFromBase64String(key, bytes, out var written) && written == 16;
    }
}
