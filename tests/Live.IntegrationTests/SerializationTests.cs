using System.Text.Json;
using Live.Hosting;
using Live.IntegrationTests.Components;
using Live.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Live.IntegrationTests;

public sealed record NeverUsedByAComponent(string Name);

public sealed class SerializationTests
{
    [Fact]
    public async Task State_arguments_and_results_use_generated_metadata_and_nothing_falls_back_to_reflection()
    {
        await using var server = await LiveServer.StartAsync();
        var options = server.Services.GetRequiredService<LiveRuntime>().SerializerOptions;

        Assert.NotNull(options.TypeInfoResolver!.GetTypeInfo(typeof(CounterState), options));
        Assert.NotNull(options.TypeInfoResolver.GetTypeInfo(typeof(EchoItem), options));
        Assert.NotNull(options.TypeInfoResolver.GetTypeInfo(typeof(BoardNote), options));
        Assert.Null(options.TypeInfoResolver.GetTypeInfo(typeof(NeverUsedByAComponent), options));
        Assert.Throws<NotSupportedException>(() => JsonSerializer.Serialize(new NeverUsedByAComponent("x"), options));
    }
}
