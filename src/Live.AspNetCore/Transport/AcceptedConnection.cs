using System.Net.WebSockets;
using Live.Authentication;
using Live.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Live.AspNetCore.Transport;

/// <summary>An accepted Live WebSocket, its user and its per-user connection slot, ready to run.</summary>
internal sealed class AcceptedConnection(LiveRuntime runtime, WebSocket socket, ConnectionIdentity identity, IDisposable userSlot)
{
    private AsyncServiceScope? services;

    /// <summary>Gives the connection its own service scope (disposed when it ends), where no request scope exists.</summary>
    public AcceptedConnection WithScope(AsyncServiceScope scope)
    {
        services = scope;
        return this;
    }

    /// <summary>Runs the connection in its own scope (see <see cref="WithScope"/>) until it closes.</summary>
    public async Task RunAsync(CancellationToken aborted)
    {
        var scope = services ?? throw new InvalidOperationException("No service scope was given.");
        await using (scope.ConfigureAwait(false))
        {
            await RunAsync(scope.ServiceProvider, aborted).ConfigureAwait(false);
        }
    }

    /// <summary>Runs the connection until it closes, then lets the socket and the slot go.</summary>
    public async Task RunAsync(IServiceProvider connectionServices, CancellationToken aborted)
    {
        using (userSlot)
        using (socket)
        {
            await runtime.RunConnectionAsync(socket, identity, connectionServices, aborted, userSlot).ConfigureAwait(false);
        }
    }
}
