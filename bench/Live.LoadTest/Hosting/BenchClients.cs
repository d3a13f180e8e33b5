using System.Net.WebSockets;
using System.Text;
using Live.Client;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Spectre.Console;

namespace Live.LoadTest.Hosting;

/// <summary>Opens many client connections, a bounded number at a time so the listen backlog never overflows.</summary>
public static class BenchClients
{
    private const int ConcurrentConnects = 32;

    public static readonly LiveConnectionOptions LiveOptions = new() { RequestTimeout = TimeSpan.FromSeconds(60) };

    public static Task<LiveConnection[]> ConnectLiveAsync(Uri uri, int count, ProgressTask progress) =>
        ManyAsync(count, progress, _ => LiveConnection.ConnectAsync(uri, LiveOptions));

    public static Task<HubConnection[]> ConnectSignalRAsync(Uri hubUri, int count, ProgressTask progress) =>
        ManyAsync(count, progress, async _ =>
        {
            var connection = new HubConnectionBuilder()
                .WithUrl(hubUri, o =>
                {
                    o.SkipNegotiation = true;
                    o.Transports = HttpTransportType.WebSockets;
                })
                .Build();
            connection.ServerTimeout = TimeSpan.FromMinutes(10);
            await connection.StartAsync();
            return connection;
        });

    public static async Task<T[]> ManyAsync<T>(int count, ProgressTask progress, Func<int, Task<T>> open)
    {
        progress.MaxValue = count;
        var results = new T[count];
        using var gate = new SemaphoreSlim(ConcurrentConnects);
        var tasks = Enumerable.Range(0, count).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                results[i] = await open(i);
                progress.Increment(1);
            }
            finally
            {
                gate.Release();
            }
        });
        await Task.WhenAll(tasks);
        progress.StopTask();
        return results;
    }

    /// <summary>
    /// A bare WebSocket that speaks just enough of a protocol to hold one mounted component: the client side of the
    /// <c>idle</c> scenario, identical in cost for both servers.
    /// </summary>
    public static async Task<ClientWebSocket> OpenRawAsync(Uri uri, string? subProtocol, IReadOnlyList<string> frames, string expectReply)
    {
        var socket = new ClientWebSocket();
        if (subProtocol is not null)
        {
            socket.Options.AddSubProtocol(subProtocol);
        }

        await socket.ConnectAsync(uri, CancellationToken.None);
        var buffer = new byte[16 * 1024];
        foreach (var frame in frames)
        {
            await socket.SendAsync(Encoding.UTF8.GetBytes(frame), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
        }

        // Read until the answer that says the state exists (SignalR may send a handshake answer or a ping first).
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var text = new StringBuilder();
        while (!text.ToString().Contains(expectReply, StringComparison.Ordinal))
        {
            var result = await socket.ReceiveAsync(buffer, timeout.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                throw new InvalidOperationException($"The server closed the socket: {result.CloseStatus} {result.CloseStatusDescription}");
            }

            text.Append(Encoding.UTF8.GetString(buffer, 0, result.Count));
        }

        return socket;
    }
}
