using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Live.IntegrationTests.Components;
using Live.IntegrationTests.Infrastructure;

namespace Live.IntegrationTests;

public sealed class SmokeTests
{
    [Fact]
    public async Task Hand_written_component_mounts_and_its_action_answers_with_the_change_in_one_frame()
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
        // The caller is the only connection holding the instance: one frame, the result carrying the change.
        var result = await Receive(socket);
        Assert.Equal("result", result.GetProperty("type").GetString());
        Assert.Equal("2", result.GetProperty("id").GetString());
        Assert.False(result.TryGetProperty("version", out _)); // implied: one more than the mounted version
        Assert.Equal("""[{"op":"replace","path":"/count","value":5}]""", result.GetProperty("ops").GetRawText());
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
