using Live.Client;

namespace Live.IntegrationTests.Infrastructure;

public static class Clients
{
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    public static Task<LiveConnection> ConnectAsync(LiveServer server, Action<LiveConnectionOptions>? configure = null)
    {
        var options = new LiveConnectionOptions { RequestTimeout = TimeSpan.FromSeconds(10) };
        configure?.Invoke(options);
        return LiveConnection.ConnectAsync(server.LiveUri, options);
    }
}
