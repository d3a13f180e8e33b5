using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Live.Core.Tests.Client;

/// <summary>The server's end of one accepted connection: the test reads what the client sent and scripts answers.</summary>
internal sealed class ServerSession(TcpClient client, WebSocket socket, IReadOnlyDictionary<string, string> requestHeaders) : IDisposable
{
    public WebSocket Socket { get; } = socket;

    public IReadOnlyDictionary<string, string> RequestHeaders { get; } = requestHeaders;

    /// <summary>The next frame the client sent: its type and bytes; a close frame is reported, not thrown.</summary>
    public async Task<(WebSocketMessageType Type, byte[] Bytes)> ReceiveFrameAsync()
    {
        var buffer = new MemoryStream();
        var chunk = new byte[4096];
        ValueWebSocketReceiveResult result;
        do
        {
            result = await Socket.ReceiveAsync(chunk.AsMemory(), CancellationToken.None).AsTask().Within();
            buffer.Write(chunk, 0, result.Count);
        }
        while (!result.EndOfMessage);

        return (result.MessageType, buffer.ToArray());
    }

    /// <summary>The next text message the client sent, parsed.</summary>
    public async Task<JsonElement> ReceiveAsync()
    {
        var (type, bytes) = await ReceiveFrameAsync();
        Assert.Equal(WebSocketMessageType.Text, type);
        return JsonDocument.Parse(bytes).RootElement.Clone();
    }

    /// <summary>The next text message, asserting its <c>type</c>.</summary>
    public async Task<JsonElement> ReceiveAsync(string expectedType)
    {
        var message = await ReceiveAsync();
        Assert.Equal(expectedType, message.GetProperty("type").GetString());
        return message;
    }

    public Task SendAsync(string json) =>
        Socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None).Within();

    /// <summary>Answers a <c>mount</c> with <c>mounted</c>.</summary>
    public Task SendMountedAsync(JsonElement mount, string instance, long version, string state) =>
        SendAsync($$"""{"type":"mounted","id":"{{mount.GetProperty("id").GetString()}}","instance":"{{instance}}","component":"{{mount.GetProperty("component").GetString()}}","version":{{version}},"state":{{state}}}""");

    public Task SendPatchAsync(string instance, long version, string ops) =>
        SendAsync($$"""{"type":"patch","instance":"{{instance}}","version":{{version}},"ops":{{ops}}}""");

    /// <summary>Closes from the server side with a close code and reason, as the Live server does on purpose.</summary>
    public Task CloseAsync(WebSocketCloseStatus status, string reason) =>
        Socket.CloseOutputAsync(status, reason, CancellationToken.None).Within();

    public void Dispose()
    {
        Socket.Dispose();
        client.Dispose();
    }
}
