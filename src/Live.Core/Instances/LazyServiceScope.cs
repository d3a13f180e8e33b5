using Microsoft.Extensions.DependencyInjection;

namespace Live.Instances;

/// <summary>
/// An instance's own service scope, created the first time a service is asked of it: a component whose constructor
/// takes no services (its hooks use the connection's services) never pays for a scope it does not use.
/// </summary>
internal sealed class LazyServiceScope(IServiceProvider root) : IServiceProvider, IAsyncDisposable
{
    private static readonly IServiceScope Disposed = new DisposedScope();
    private IServiceScope? scope;

    public object? GetService(Type serviceType)
    {
        var current = Volatile.Read(ref scope);
        if (current is null)
        {
            var created = root.CreateScope();
            current = Interlocked.CompareExchange(ref scope, created, null) ?? created;
            if (!ReferenceEquals(current, created))
            {
                created.Dispose(); // another thread created it first (or it was disposed meanwhile)
            }
        }

        ObjectDisposedException.ThrowIf(ReferenceEquals(current, Disposed), this);
        return current.ServiceProvider.GetService(serviceType);
    }

    public ValueTask DisposeAsync()
    {
        var owned = Interlocked.Exchange(ref scope, Disposed);
        if (owned is null || ReferenceEquals(owned, Disposed))
        {
            return ValueTask.CompletedTask;
        }

        if (owned is IAsyncDisposable asynchronous)
        {
            return asynchronous.DisposeAsync();
        }

        owned.Dispose();
        return ValueTask.CompletedTask;
    }

    private sealed class DisposedScope : IServiceScope
    {
        public IServiceProvider ServiceProvider => throw new ObjectDisposedException(nameof(LazyServiceScope));

        public void Dispose()
        {
        }
    }
}
