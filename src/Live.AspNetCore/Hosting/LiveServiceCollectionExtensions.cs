using Live;
using Live.AspNetCore;
using Live.AspNetCore.Authorization;
using Live.Authorization;
using System.Diagnostics.Metrics;
using Live.AspNetCore.Authentication;
using Live.AspNetCore.Monitoring;
using Microsoft.AspNetCore.Hosting;
using Live.Hosting;
using Live.Metrics;
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
    /// runs, and the result is validated at start-up. A bearer token in the <c>access_token</c> query parameter of a
    /// Live upgrade is handed to the app's authentication as an <c>Authorization</c> header (see
    /// <see cref="LiveAuthenticationOptions.AccessTokenFromQuery"/>). It also registers the <c>Live</c> meter (see
    /// <c>docs/performance.md</c>), a health check named <c>live</c> (map it with <c>app.MapHealthChecks(...)</c>), and
    /// ASP.NET Core authorization for <c>[Authorize]</c> on components and actions (policies named there must be
    /// registered, or start-up fails).
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
        services.AddMetrics();
        services.TryAddSingleton(static sp => new LiveMetrics(sp.GetService<IMeterFactory>()));
        services.TryAddSingleton<LiveRuntime>();
        services.AddHealthChecks().AddCheck<LiveHealthCheck>(LiveHealthCheck.Name, tags: [LiveHealthCheck.Name]);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, LiveLifetimeService>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IStartupFilter, AccessTokenFromQuery>());

        // [Authorize] on components and actions is evaluated by ASP.NET Core authorization; unknown policy names fail start-up.
        services.AddAuthorization();
        services.TryAddSingleton<ILiveAuthorizer, AspNetCoreAuthorizer>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, PolicyStartupCheck>());
        return new LiveBuilder(services);
    }
}
