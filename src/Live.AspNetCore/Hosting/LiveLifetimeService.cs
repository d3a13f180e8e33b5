using Live.Hosting;
using Microsoft.Extensions.Hosting;

namespace Live.AspNetCore;

/// <summary>
/// Ties the runtime to the host's lifetime. Shutdown starts in <see cref="StoppingAsync"/>, before any hosted service
/// (Kestrel included) stops, so connections get "going away" and destroy hooks run while the server can still send.
/// </summary>
internal sealed class LiveLifetimeService(LiveRuntime runtime) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => runtime.ShutdownAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
