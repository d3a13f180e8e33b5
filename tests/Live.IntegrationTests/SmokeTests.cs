using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Live.IntegrationTests.Components;
using Live.IntegrationTests.Infrastructure;

namespace Live.IntegrationTests;

public sealed class SmokeTests
{
    [Fact]
    public async Task Hand_written_component_mounts_and_patches_over_a_real_socket()
    {
        await using var server = await LiveServer.StartAsync(o => o.Components.Add(HandWrittenCounter.Descriptor));
        using var socket = new ClientWebSocket();
        socket.Options.AddSubProtocol("live.v1");
        await socket.ConnectAsync(server.LiveUri, CancellationToken.None);
        await Send(socket, """{"type":"mount","id":"1","component":"HandCounter"}""");
        var mounted = await Receive(socket);
        Assert.Equal("mounted", mounted.GetProperty("type").GetString());
        Assert.Equal(0, mounted.GetProperty("state").GetProperty("count").GetInt32());
        var instance = mounted.GetProperty("instance").GetString();
        await Send(socket, $$$"""{"type":"action","id":"2","instance":"{{{instance}}}","action":"increment","args":{"by":5}}""");
        var patch = await Receive(socket);
        Assert.Equal("patch", patch.GetProperty("type").GetString());
        Assert.Equal(1, patch.GetProperty("version").GetInt64());
        var result = await Receive(socket);
        Assert.Equal("result", result.GetProperty("type").GetString());
        Assert.Equal(5, result.GetProperty("value").GetInt32());
    }

    private static Task Send(ClientWebSocket socket, string text) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);

    private static async Task<JsonElement> Receive(ClientWebSocket socket)
    {
        var buffer = new byte[64 * 1024];
        var result = await socket.ReceiveAsync(buffer, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        return JsonDocument.Parse(buffer.AsMemory(0, result.Count)).RootElement.Clone();
    }
}
