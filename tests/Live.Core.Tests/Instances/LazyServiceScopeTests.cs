using Live.Instances;
using Microsoft.Extensions.DependencyInjection;

namespace Live.Core.Tests.Instances;

public sealed class LazyServiceScopeTests
{
    private sealed class Scoped : IDisposable
    {
        public bool Disposed { get; private set; }

        public void Dispose() => Disposed = true;
    }

    private sealed class CountingScopes(IServiceScopeFactory inner) : IServiceScopeFactory
    {
        public int Created { get; private set; }

        public IServiceScope CreateScope()
        {
            Created++;
            return inner.CreateScope();
        }
    }

    /// <summary>A root provider whose scope factory counts the scopes made.</summary>
    private sealed class Root(CountingScopes scopes) : IServiceProvider
    {
        public object? GetService(Type serviceType) => serviceType == typeof(IServiceScopeFactory) ? scopes : null;
    }

    private static (IServiceProvider Root, CountingScopes Scopes) MakeRoot()
    {
        var inner = new ServiceCollection().AddScoped<Scoped>().BuildServiceProvider(validateScopes: true);
        var scopes = new CountingScopes(inner.GetRequiredService<IServiceScopeFactory>());
        return (new Root(scopes), scopes);
    }

    [Fact]
    public async Task No_scope_is_made_when_no_service_is_asked_for()
    {
        var (root, scopes) = MakeRoot();
        var lazy = new LazyServiceScope(root);

        await lazy.DisposeAsync();

        Assert.Equal(0, scopes.Created);
    }

    [Fact]
    public async Task The_first_request_makes_one_scope_whose_services_go_with_it()
    {
        var (root, scopes) = MakeRoot();
        var lazy = new LazyServiceScope(root);

        var first = (Scoped)lazy.GetService(typeof(Scoped))!;
        var second = (Scoped)lazy.GetService(typeof(Scoped))!;
        await lazy.DisposeAsync();

        Assert.Same(first, second);
        Assert.Equal(1, scopes.Created);
        Assert.True(first.Disposed);
    }

    [Fact]
    public async Task A_disposed_scope_refuses_further_requests()
    {
        var (root, _) = MakeRoot();
        var lazy = new LazyServiceScope(root);
        await lazy.DisposeAsync();

        Assert.Throws<ObjectDisposedException>(() => lazy.GetService(typeof(Scoped)));
    }
}
