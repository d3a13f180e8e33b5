using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Channels;

namespace Live.Core.Tests.Client;

/// <summary>
/// A scripted stand-in for a Live server: a TCP listener on 127.0.0.1 that performs the WebSocket upgrade itself
/// (so a test controls the HTTP answer, e.g. a refusal with <c>X-Live-Error</c>) and hands each accepted socket to
/// the test as a <see cref="ServerSession"/>, which then plays the protocol messages the test needs.
/// </summary>
internal sealed class LoopbackServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Channel<ServerSession> _sessions = Channel.CreateUnbounded<ServerSession>();
    private readonly List<ServerSession> _all = [];
    private readonly string _protocol;
    private readonly Task _acceptLoop;

    private LoopbackServer(string protocol)
    {
        _protocol = protocol;
        _listener.Start();
        _acceptLoop = AcceptLoopAsync();
    }

    public Uri Uri => new($"ws://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/live");

    /// <summary>Starts a server that accepts only <paramref name="protocol"/>, refusing other offers as Live does.</summary>
    public static LoopbackServer Start(string protocol = "live.v1") => new(protocol);

    /// <summary>The next connection that completed the upgrade.</summary>
    public async Task<ServerSession> AcceptAsync() => await _sessions.Reader.ReadAsync().AsTask().Within();

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        try
        {
            await _acceptLoop;
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
        }

        foreach (var session in _all)
        {
            session.Dispose();
        }
    }

    private async Task AcceptLoopAsync()
    {
        while (true)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync();
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                return;
            }

            var session = await UpgradeAsync(client);
            if (session is not null)
            {
                _all.Add(session);
                await _sessions.Writer.WriteAsync(session);
            }
        }
    }

    private async Task<ServerSession?> UpgradeAsync(TcpClient client)
    {
        var stream = client.GetStream();
        var headers = await ReadRequestHeadersAsync(stream);
        var offered = headers.TryGetValue("Sec-WebSocket-Protocol", out var p)
            ? p.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            : [];
        if (!offered.Contains(_protocol))
        {
            var reason = $"unsupported protocol '{string.Join(", ", offered)}'; this server speaks {_protocol}";
            var body = Encoding.UTF8.GetBytes(reason);
            var refusal = "HTTP/1.1 400 Bad Request\r\n"
                + $"X-Live-Error: {reason}\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n"
                + $"Content-Length: {body.Length}\r\n"
                + "Connection: close\r\n\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(refusal));
            await stream.WriteAsync(body);
            client.Dispose();
            return null;
        }

#pragma warning disable CA5350 // RFC 6455 §4.2.2 defines Sec-WebSocket-Accept with SHA-1; it is no security control.
        var accept = Convert.ToBase64String(SHA1.HashData(
            Encoding.ASCII.GetBytes(headers["Sec-WebSocket-Key"] + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")));
#pragma warning restore CA5350
        var response = "HTTP/1.1 101 Switching Protocols\r\n"
            + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
            + $"Sec-WebSocket-Accept: {accept}\r\n"
            + $"Sec-WebSocket-Protocol: {_protocol}\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(response));
        var socket = WebSocket.CreateFromStream(stream, new WebSocketCreationOptions
        {
            IsServer = true,
            SubProtocol = _protocol,
            KeepAliveInterval = TimeSpan.Zero,
        });
        return new ServerSession(client, socket, headers);
    }

    private static async Task<Dictionary<string, string>> ReadRequestHeadersAsync(NetworkStream stream)
    {
        // Byte by byte: nothing past the blank line may be consumed, it belongs to the WebSocket.
        var bytes = new List<byte>();
        var one = new byte[1];
        while (bytes.Count < 4 || !(bytes[^4] == '\r' && bytes[^3] == '\n' && bytes[^2] == '\r' && bytes[^1] == '\n'))
        {
            if (await stream.ReadAsync(one) == 0)
            {
                throw new IOException("The client closed before finishing its request.");
            }

            bytes.Add(one[0]);
        }

        var lines = Encoding.ASCII.GetString([.. bytes]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':');
            headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }

        return headers;
    }
}
