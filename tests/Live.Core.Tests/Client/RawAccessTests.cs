using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;

namespace Live.Core.Tests.Client;

/// <summary>The internal hooks hostile-input tests use: raw frames out, every parsed message in.</summary>
public sealed class RawAccessTests
{
    [Fact]
    public async Task SendRawRequestAsync_returns_the_answer_with_that_id_even_an_error()
    {
        await using var harness = await ClientHarness.StartAsync();

        var sending = harness.Client.SendRawRequestAsync("""{"type":"mount","id":"x-1","component":42}""", "x-1");
        var raw = await harness.Session.ReceiveAsync("mount");
        await harness.Session.SendAsync("""{"type":"error","id":"x-1","code":"invalid_request","message":"'component' must be a string."}""");
        var answer = await sending.Within();

        Assert.Equal(42, raw.GetProperty("component").GetInt32());
        Assert.Equal("invalid_request", answer.GetProperty("code").GetString());
    }

    [Fact]
    public async Task MessageReceived_observes_errors_without_an_id_and_the_connection_stays_usable()
    {
        await using var harness = await ClientHarness.StartAsync();
        var seen = Channel.CreateUnbounded<JsonElement>();
        harness.Client.MessageReceived += m => seen.Writer.TryWrite(m);

        await harness.Client.SendRawTextAsync("{not json");
        Assert.Equal("{not json", Encoding.UTF8.GetString((await harness.Session.ReceiveFrameAsync()).Bytes));
        await harness.Session.SendAsync("""{"type":"error","code":"bad_frame","message":"The frame is not JSON."}""");
        var error = await seen.Reader.ReadAsync().AsTask().Within();
        var pinging = harness.Client.PingAsync();
        var ping = await harness.Session.ReceiveAsync("ping");
        await harness.Session.SendAsync($$"""{"type":"pong","id":"{{ping.GetProperty("id").GetString()}}"}""");
        await pinging.Within();

        Assert.Equal("bad_frame", error.GetProperty("code").GetString());
        Assert.False(error.TryGetProperty("id", out _));
    }

    [Fact]
    public async Task SendRawBinaryAsync_sends_a_binary_frame()
    {
        await using var harness = await ClientHarness.StartAsync();

        await harness.Client.SendRawBinaryAsync([1, 2, 3]);
        var (type, bytes) = await harness.Session.ReceiveFrameAsync();

        Assert.Equal(WebSocketMessageType.Binary, type);
        Assert.Equal([1, 2, 3], bytes);
    }

    [Fact]
    public async Task Unparsable_and_unknown_server_messages_are_ignored()
    {
        await using var harness = await ClientHarness.StartAsync();
        var counter = await harness.MountAsync(state: """{"count":0}""");

        await harness.Session.SendAsync("not json at all");
        await harness.Session.SendAsync("""{"type":"from_the_future","id":"1"}""");
        await harness.Session.SendAsync("""{"noType":true}""");
        await harness.Session.SendPatchAsync("c_unknown", 1, "[]");
        await harness.Session.SendPatchAsync("c_1", 1, """[{"op":"replace","path":"/count","value":1}]""");
        await counter.WaitForStateAsync(s => (int)s["count"]! == 1, TimeSpan.FromSeconds(5)).Within();

        Assert.True(harness.Client.IsConnected);
    }
}
