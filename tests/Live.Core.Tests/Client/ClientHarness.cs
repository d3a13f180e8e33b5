using System.Text.Json;
using Live.Client;
using Microsoft.Extensions.Time.Testing;

namespace Live.Core.Tests.Client;

/// <summary>A loopback server, one connected client on a fake clock, and the server's end of that connection.</summary>
internal sealed class ClientHarness : IAsyncDisposable
{
    private ClientHarness(LoopbackServer server, LiveConnection client, ServerSession session, FakeTimeProvider time)
    {
        Server = server;
        Client = client;
        Session = session;
        Time = time;
    }

    public LoopbackServer Server { get; }

    public LiveConnection Client { get; }

    public ServerSession Session { get; }

    public FakeTimeProvider Time { get; }

    public static async Task<ClientHarness> StartAsync(Action<LiveConnectionOptions>? configure = null)
    {
        var time = new FakeTimeProvider();
        var options = new LiveConnectionOptions { TimeProvider = time, RequestTimeout = TimeSpan.FromSeconds(5) };
        configure?.Invoke(options);
        var server = LoopbackServer.Start();
        var connecting = LiveConnection.ConnectAsync(server.Uri, options);
        var session = await server.AcceptAsync();
        var client = await connecting.Within();
        return new ClientHarness(server, client, session, time);
    }

    /// <summary>Mounts <paramref name="component"/>, letting the server answer with the given instance and state.</summary>
    public async Task<LiveComponentHandle> MountAsync(string instance = "c_1", long version = 0, string state = """{"count":0}""", string component = "Counter")
    {
        var mounting = Client.MountAsync(component);
        var mount = await Session.ReceiveAsync("mount");
        await Session.SendMountedAsync(mount, instance, version, state);
        return await mounting.Within();
    }

    public async ValueTask DisposeAsync()
    {
        // Drop the server's end rather than handshake: the scripted server may no longer be reading.
        Session.Dispose();
        await Client.DisposeAsync().Within();
        await Server.DisposeAsync();
    }

    public static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement.Clone();
}
