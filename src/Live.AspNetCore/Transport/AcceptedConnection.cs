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
    public Task RunAsync() =>
        runtime.RunConnectionAsync(
            socket, identity, services?.ServiceProvider ?? throw new InvalidOperationException("No service scope was given."), userSlot, services);

    /// <summary>Runs the connection with the request's services until it closes; the runtime then lets the socket and the slot go.</summary>
    public Task RunAsync(IServiceProvider connectionServices) => runtime.RunConnectionAsync(socket, identity, connectionServices, userSlot);
}
