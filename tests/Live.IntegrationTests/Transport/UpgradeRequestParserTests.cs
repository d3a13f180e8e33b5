using System.Buffers;
using System.Text;
using Live.AspNetCore.Transport.Direct;

namespace Live.IntegrationTests.Transport;

/// <summary>
/// The connection-level path takes only plain upgrades of a Live path; everything else is declined, so Kestrel's
/// HTTP parser sees it untouched.
/// </summary>
public sealed class UpgradeRequestParserTests
{
    private static readonly UpgradeLimits Limits = new(MaxRequestLineSize: 8192, MaxHeadersTotalSize: 32768, MaxHeaderCount: 100, TimeSpan.FromSeconds(30));

    private const string Key = "dGhlIHNhbXBsZSBub25jZQ==";

    private static string Upgrade(string requestLine = "GET /live?access_token=abc HTTP/1.1", string extra = "") =>
        $"{requestLine}\r\nHost: 127.0.0.1:5000\r\nUpgrade: websocket\r\nConnection: keep-alive, Upgrade\r\n" +
        $"Sec-WebSocket-Key: {Key}\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: live.v1\r\n{extra}\r\n";

    private static UpgradeParse Parse(string text, out UpgradeRequest? request) => Parse(Encoding.Latin1.GetBytes(text), out request);

    private static UpgradeParse Parse(byte[] bytes, out UpgradeRequest? request) =>
        UpgradeRequestParser.Parse(new ReadOnlySequence<byte>(bytes), Limits, path => path.Equals("/live", StringComparison.OrdinalIgnoreCase), out request, out _);

    [Fact]
    public void A_plain_upgrade_of_a_live_path_is_taken_with_its_path_query_and_headers()
    {
        var outcome = Parse(Upgrade(), out var request);

        Assert.Equal(UpgradeParse.Upgrade, outcome);
        Assert.Equal("/live", request!.Path);
        Assert.Equal("?access_token=abc", request.Query);
        Assert.Equal(Key, request.Headers.SecWebSocketKey.ToString());
        Assert.Equal("live.v1", request.Headers.SecWebSocketProtocol.ToString());
    }

    [Fact]
    public void The_position_after_the_headers_leaves_early_frame_bytes_for_the_websocket()
    {
        var head = Encoding.ASCII.GetBytes(Upgrade());
        var bytes = head.Concat(new byte[] { 0x81, 0x80 }).ToArray();

        var outcome = UpgradeRequestParser.Parse(new ReadOnlySequence<byte>(bytes), Limits, _ => true, out _, out var consumed);

        Assert.Equal(UpgradeParse.Upgrade, outcome);
        Assert.Equal(head.Length, new ReadOnlySequence<byte>(bytes).Slice(0, consumed).Length);
    }

    [Fact]
    public void A_request_split_into_many_segments_reads_the_same_as_one()
    {
        var bytes = Encoding.ASCII.GetBytes(Upgrade());
        var sequence = Segments.Of(bytes, size: 7);

        var outcome = UpgradeRequestParser.Parse(sequence, Limits, p => p == "/live", out var request, out var consumed);

        Assert.Equal(UpgradeParse.Upgrade, outcome);
        Assert.Equal("/live", request!.Path);
        Assert.Equal(bytes.Length, sequence.Slice(0, consumed).Length);
    }

    [Theory]
    [InlineData("GET /li")]
    [InlineData("GET /live HTTP/1.1\r\nHost: a\r\n")]
    [InlineData("GE")]
    public void A_live_upgrade_still_arriving_waits_for_more(string partial) =>
        Assert.Equal(UpgradeParse.NeedMore, Parse(partial, out _));

    [Theory]
    [InlineData("POST /live HTTP/1.1\r\n")] // another method
    [InlineData("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n")] // HTTP/2's preface
    [InlineData("\u0016\u0003\u0001\u0002\u0000\u0001")] // a TLS ClientHello on a plain port
    [InlineData("GET /other HTTP/1.1\r\nHost: a\r\n")] // another path: declined before the headers are complete
    [InlineData("GET /index.html HTTP/1.1\r\n")]
    public void Anything_that_is_not_a_live_upgrade_is_declined_at_once(string start) =>
        Assert.Equal(UpgradeParse.Decline, Parse(start, out _));

    public static TheoryData<string, string> NotPlain => new()
    {
        { "HTTP/1.0", Upgrade("GET /live HTTP/1.0") },
        { "lower-case method", Upgrade("get /live HTTP/1.1") },
        { "absolute-form target", Upgrade("GET http://a/live HTTP/1.1") },
        { "percent-encoded path", Upgrade("GET /%6Cive HTTP/1.1") },
        { "fragment", Upgrade("GET /live#x HTTP/1.1") },
        { "two spaces", Upgrade("GET  /live HTTP/1.1") },
        { "folded header", Upgrade(extra: "X-A: one\r\n two\r\n") },
        { "non-ASCII value", Upgrade(extra: "X-Name: caf\u00e9\r\n") },
        { "control character in a value", Upgrade(extra: "X-A: a\u0001b\r\n") },
        { "space before the colon", Upgrade(extra: "X-A : b\r\n") },
        { "no colon", Upgrade(extra: "garbage\r\n") },
        { "empty name", Upgrade(extra: ": b\r\n") },
        { "bare LF inside", Upgrade(extra: "X-A: a\nX-B: b\r\n") },
        { "a body length", Upgrade(extra: "Content-Length: 0\r\n") },
        { "a chunked body", Upgrade(extra: "Transfer-Encoding: chunked\r\n") },
        { "two Hosts", Upgrade(extra: "Host: evil\r\n") },
        { "version 8", Upgrade().Replace("Version: 13", "Version: 8") },
        { "two versions", Upgrade(extra: "Sec-WebSocket-Version: 13\r\n") },
        { "short key", Upgrade().Replace(Key, "c2hvcnQ=") },
        { "key not base64", Upgrade().Replace(Key, "!!!!!!!!!!!!!!!!!!!!!!==") },
        { "no Upgrade token", Upgrade().Replace("Upgrade: websocket", "Upgrade: h2c") },
        { "no Connection upgrade", Upgrade().Replace("Connection: keep-alive, Upgrade", "Connection: keep-alive") },
        { "no Host", Upgrade().Replace("Host: 127.0.0.1:5000\r\n", string.Empty) },
        { "another path", Upgrade("GET /livex HTTP/1.1") },
    };

    [Theory]
    [MemberData(nameof(NotPlain))]
    public void An_upgrade_that_is_not_plain_is_declined_for_kestrel_to_judge(string why, string text)
    {
        var outcome = Parse(text, out var request);

        Assert.True(outcome == UpgradeParse.Decline, why);
        Assert.Null(request);
    }

    [Fact]
    public void A_header_block_past_kestrels_limit_is_declined_even_before_it_ends()
    {
        var text = "GET /live HTTP/1.1\r\nHost: a\r\nX-Big: " + new string('a', Limits.MaxHeadersTotalSize + Limits.MaxRequestLineSize);

        Assert.Equal(UpgradeParse.Decline, Parse(text, out _));
    }

    [Fact]
    public void More_headers_than_kestrel_allows_are_declined()
    {
        var extra = string.Concat(Enumerable.Range(0, Limits.MaxHeaderCount).Select(i => $"X-{i}: v\r\n"));

        Assert.Equal(UpgradeParse.Decline, Parse(Upgrade(extra: extra), out _));
    }

    [Fact]
    public void A_request_line_past_kestrels_limit_is_declined()
    {
        var line = "GET /live?" + new string('q', Limits.MaxRequestLineSize) + " HTTP/1.1";

        Assert.Equal(UpgradeParse.Decline, Parse(Upgrade(line), out _));
    }

    /// <summary>Builds a multi-segment sequence.</summary>
    private sealed class Segments : ReadOnlySequenceSegment<byte>
    {
        private Segments(ReadOnlyMemory<byte> memory, long index)
        {
            Memory = memory;
            RunningIndex = index;
        }

        public static ReadOnlySequence<byte> Of(byte[] bytes, int size)
        {
            var first = new Segments(bytes.AsMemory(0, Math.Min(size, bytes.Length)), 0);
            var last = first;
            for (var at = size; at < bytes.Length; at += size)
            {
                var next = new Segments(bytes.AsMemory(at, Math.Min(size, bytes.Length - at)), at);
                last.Next = next;
                last = next;
            }

            return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
        }
    }
}
