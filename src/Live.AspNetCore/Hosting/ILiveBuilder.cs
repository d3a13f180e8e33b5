using Microsoft.Extensions.DependencyInjection;

namespace Live.AspNetCore;

/// <summary>Returned by <c>AddLive()</c> so optional packages can chain their setup (<c>.AddRedisBackplane(...)</c>).</summary>
public interface ILiveBuilder
{
    /// <summary>The application's services.</summary>
    IServiceCollection Services { get; }
}
