using System.Net.WebSockets;
using Microsoft.AspNetCore.Http;

namespace Live.LoadTest.Hosting;

/// <summary>
/// The least a WebSocket server can hold per connection: accept, answer one message, then wait for the next with a
/// small buffer. The idle scenario measures it as the floor under both frameworks.
/// </summary>
internal static class RawWebSocket
{
    public static async Task HandleAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var buffer = new byte[256];
        var answered = false;
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer.AsMemory(), CancellationToken.None);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
                return;
            }

            if (result.EndOfMessage && !answered)
            {
                answered = true;
                await socket.SendAsync("\"ok\""u8.ToArray(), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
            }
        }
    }
}
