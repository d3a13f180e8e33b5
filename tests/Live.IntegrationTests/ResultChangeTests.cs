using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Live.IntegrationTests.Infrastructure;

namespace Live.IntegrationTests;

/// <summary>
/// The answer carries the change: an action on an instance only the caller holds answers with one <c>result</c>
/// frame holding <c>version</c> and <c>ops</c>; an instance shared with other connections sends one <c>patch</c>
/// to all of them and a plain <c>result</c> to the caller.
/// </summary>
public sealed class ResultChangeTests
{
    [Fact]
    public async Task An_action_on_a_per_connection_instance_answers_with_one_frame_carrying_ops_and_value_without_a_version()
    {
        await using var server = await LiveServer.StartAsync();
        using var socket = await ConnectAsync(server);
        var instance = await MountAsync(socket, "Counter");

        await SendAsync(socket, $$$"""{"type":"action","id":"a1","instance":"{{{instance}}}","action":"add","args":{"amount":3}}""");
        var result = await ReceiveAsync(socket);
        await SendAsync(socket, """{"type":"ping","id":"p"}""");
        var pong = await ReceiveAsync(socket);

        Assert.Equal("""{"type":"result","id":"a1","ops":[{"op":"replace","path":"/count","value":3}],"value":3}""", result.GetRawText());
        Assert.Equal("pong", pong.GetProperty("type").GetString()); // nothing came between the result and the pong
    }

    [Fact]
    public async Task An_action_that_changes_nothing_answers_a_result_without_version_or_ops()
    {
        await using var server = await LiveServer.StartAsync();
        using var socket = await ConnectAsync(server);
        var instance = await MountAsync(socket, "Counter");

        await SendAsync(socket, $$"""{"type":"action","id":"a1","instance":"{{instance}}","action":"noOp"}""");
        var result = await ReceiveAsync(socket);

        Assert.Equal("""{"type":"result","id":"a1"}""", result.GetRawText());
    }

    [Fact]
    public async Task The_implied_versions_of_ops_in_results_are_the_ones_a_later_resync_continues_from()
    {
        await using var server = await LiveServer.StartAsync();
        using var socket = await ConnectAsync(server);
        var instance = await MountAsync(socket, "Counter");

        await SendAsync(socket, $$"""{"type":"action","id":"a1","instance":"{{instance}}","action":"increment"}""");
        var first = await ReceiveAsync(socket);
        await SendAsync(socket, $$"""{"type":"action","id":"a2","instance":"{{instance}}","action":"increment"}""");
        var second = await ReceiveAsync(socket);
        await SendAsync(socket, $$"""{"type":"resync","id":"r","instance":"{{instance}}"}""");
        var state = await ReceiveAsync(socket);

        // Mounted at 0: the two results' ops are versions 1 and 2, implied, not sent.
        Assert.False(first.TryGetProperty("version", out _));
        Assert.False(second.TryGetProperty("version", out _));
        Assert.Equal(1, first.GetProperty("ops").GetArrayLength());
        Assert.Equal(2, state.GetProperty("version").GetInt64());
        Assert.Equal(2, state.GetProperty("state").GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task An_action_on_a_singleton_held_by_two_connections_sends_the_patch_to_both_and_a_plain_result_to_the_caller()
    {
        await using var server = await LiveServer.StartAsync();
        using var alice = await ConnectAsync(server);
        using var bob = await ConnectAsync(server);
        var instance = await MountAsync(alice, "SharedBoard");
        Assert.Equal(instance, await MountAsync(bob, "SharedBoard"));

        await SendAsync(alice, $$$"""{"type":"action","id":"a1","instance":"{{{instance}}}","action":"post","args":{"text":"hi"}}""");
        var alicePatch = await ReceiveAsync(alice);
        var aliceResult = await ReceiveAsync(alice);
        var bobPatch = await ReceiveAsync(bob);

        Assert.Equal("patch", alicePatch.GetProperty("type").GetString());
        Assert.Equal(alicePatch.GetRawText(), bobPatch.GetRawText());
        Assert.Equal(1, alicePatch.GetProperty("version").GetInt64());
        Assert.Equal("""{"type":"result","id":"a1","value":1}""", aliceResult.GetRawText());
    }

    [Fact]
    public async Task A_singleton_held_by_the_caller_alone_answers_with_the_change_in_the_result()
    {
        await using var server = await LiveServer.StartAsync();
        using var alice = await ConnectAsync(server);
        var instance = await MountAsync(alice, "SharedBoard");

        await SendAsync(alice, $$$"""{"type":"action","id":"a1","instance":"{{{instance}}}","action":"post","args":{"text":"hi"}}""");
        var result = await ReceiveAsync(alice);

        Assert.Equal("result", result.GetProperty("type").GetString());
        Assert.False(result.TryGetProperty("version", out _));
        Assert.Equal(1, result.GetProperty("ops").GetArrayLength());
        Assert.Equal(1, result.GetProperty("value").GetInt32());
    }

    [Fact]
    public async Task A_singleton_left_to_the_caller_alone_carries_ops_whose_implied_version_follows_the_last_shared_patch()
    {
        await using var server = await LiveServer.StartAsync();
        using var alice = await ConnectAsync(server);
        using var bob = await ConnectAsync(server);
        var instance = await MountAsync(alice, "SharedBoard");
        Assert.Equal(instance, await MountAsync(bob, "SharedBoard"));

        // Shared: version 1 goes to both as a patch.
        await SendAsync(alice, $$$"""{"type":"action","id":"a1","instance":"{{{instance}}}","action":"post","args":{"text":"one"}}""");
        var patch = await ReceiveAsync(alice);
        await ReceiveAsync(alice); // the plain result
        Assert.Equal(1, patch.GetProperty("version").GetInt64());
        Assert.Equal(patch.GetRawText(), (await ReceiveAsync(bob)).GetRawText());

        // Bob leaves: alice alone gets version 2 inside her result, then a resync says 2.
        await SendAsync(bob, $$"""{"type":"unmount","id":"u","instance":"{{instance}}"}""");
        Assert.Equal("unmounted", (await ReceiveAsync(bob)).GetProperty("type").GetString());
        await SendAsync(alice, $$$"""{"type":"action","id":"a2","instance":"{{{instance}}}","action":"post","args":{"text":"two"}}""");
        var result = await ReceiveAsync(alice);
        await SendAsync(alice, $$"""{"type":"resync","id":"r","instance":"{{instance}}"}""");
        var state = await ReceiveAsync(alice);

        Assert.Equal("result", result.GetProperty("type").GetString());
        Assert.True(result.TryGetProperty("ops", out _));
        Assert.False(result.TryGetProperty("version", out _));
        Assert.Equal(2, state.GetProperty("version").GetInt64());
    }

    private static async Task<ClientWebSocket> ConnectAsync(LiveServer server)
    {
        var socket = new ClientWebSocket();
        socket.Options.AddSubProtocol("live.v1");
        await socket.ConnectAsync(server.LiveUri, CancellationToken.None);
        return socket;
    }

    private static async Task<string> MountAsync(ClientWebSocket socket, string component)
    {
        await SendAsync(socket, $$"""{"type":"mount","id":"m","component":"{{component}}"}""");
        var mounted = await ReceiveAsync(socket);
        Assert.Equal("mounted", mounted.GetProperty("type").GetString());
        return mounted.GetProperty("instance").GetString()!;
    }

    private static Task SendAsync(ClientWebSocket socket, string text) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);

    private static async Task<JsonElement> ReceiveAsync(ClientWebSocket socket)
    {
        var buffer = new byte[64 * 1024];
        var count = 0;
        ValueWebSocketReceiveResult received;
        do
        {
            received = await socket.ReceiveAsync(buffer.AsMemory(count), CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
            count += received.Count;
        }
        while (!received.EndOfMessage);

        return JsonDocument.Parse(buffer.AsMemory(0, count)).RootElement.Clone();
    }
}
