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
        RunAsync(services?.ServiceProvider ?? throw new InvalidOperationException("No service scope was given."));

    /// <summary>Runs the connection until it closes, then lets the socket, the slot and the scope (if any) go.</summary>
    public async Task RunAsync(IServiceProvider connectionServices)
    {
        try
        {
            using (userSlot)
            using (socket)
            {
                await runtime.RunConnectionAsync(socket, identity, connectionServices, userSlot).ConfigureAwait(false);
            }
        }
        finally
        {
            if (services is { } scope)
            {
                await scope.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
