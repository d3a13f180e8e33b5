using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Live.AspNetCore.Transport.Direct;

/// <summary>
/// <c>context.WebSockets</c> for an upgrade taken at the connection level: accepting writes the 101 response straight
/// to the connection and runs the WebSocket over its pipes.
/// </summary>
internal sealed class DirectWebSocketFeature(ConnectionContext connection, UpgradeRequest request, WebSocketOptions options) : IHttpWebSocketFeature
{
    // RFC 6455 §1.3: the GUID appended to the client's key.
    private const string HandshakeGuid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    public bool IsWebSocketRequest => true;

    /// <summary>Whether the 101 went out (after which the connection speaks WebSocket only).</summary>
    public bool Accepted { get; private set; }

    public async Task<WebSocket> AcceptAsync(WebSocketAcceptContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var response = new StringBuilder("HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n")
            .Append("Sec-WebSocket-Accept: ").Append(AcceptKey(request.Headers.SecWebSocketKey.ToString())).Append("\r\n");
        if (context.SubProtocol is { } protocol)
        {
            response.Append("Sec-WebSocket-Protocol: ").Append(protocol).Append("\r\n");
        }

        response.Append("\r\n");
        Accepted = true;
        await connection.Transport.Output.WriteAsync(Encoding.ASCII.GetBytes(response.ToString()), connection.ConnectionClosed).ConfigureAwait(false);
        return WebSocket.CreateFromStream(new DuplexPipeStream(connection.Transport), new WebSocketCreationOptions
        {
            IsServer = true,
            SubProtocol = context.SubProtocol,
            KeepAliveInterval = context.KeepAliveInterval ?? options.KeepAliveInterval,
            KeepAliveTimeout = context.KeepAliveTimeout ?? options.KeepAliveTimeout,
        });
    }

#pragma warning disable CA5350 // RFC 6455 fixes SHA-1 for Sec-WebSocket-Accept; it proves the server read the handshake, it is not a security hash.
    private static string AcceptKey(string key) => Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + HandshakeGuid)));
#pragma warning restore CA5350
}
