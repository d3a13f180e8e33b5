using Microsoft.Extensions.DependencyInjection;

namespace Live.AspNetCore;

internal sealed class LiveBuilder(IServiceCollection services) : ILiveBuilder
{
    public IServiceCollection Services { get; } = services;
}
