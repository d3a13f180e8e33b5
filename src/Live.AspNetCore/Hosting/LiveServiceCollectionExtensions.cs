using Live;
using Live.AspNetCore;
using Live.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers Live in an ASP.NET Core application.</summary>
public static class LiveServiceCollectionExtensions
{
    /// <summary>
    /// Adds the Live runtime. Components marked <c>[LiveComponent]</c> are registered by the source generator; this
    /// call hosts them. Options are bound from the <c>Live</c> configuration section, then <paramref name="configure"/>
    /// runs, and the result is validated at start-up.
    /// </summary>
    /// <param name="services">The application's services.</param>
    /// <param name="configure">Sets options in code.</param>
    /// <returns>A builder for chaining optional Live packages.</returns>
    public static ILiveBuilder AddLive(this IServiceCollection services, Action<LiveOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<LiveOptions>().BindConfiguration("Live");
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LiveOptions>, LiveOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<LiveOptions>, DetailedErrorsFromEnvironment>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<LiveRuntime>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, LiveLifetimeService>());
        return new LiveBuilder(services);
    }
}
