using Live.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Options;

namespace Live.IntegrationTests;

public sealed class OptionsTests
{
    public static TheoryData<Action<LiveOptions>, string> InvalidOptions => new()
    {
        { o => o.ClientTimeout = TimeSpan.Zero, "Live:ClientTimeout" },
        { o => o.CloseTimeout = TimeSpan.FromSeconds(-1), "Live:CloseTimeout" },
        { o => o.Limits.MaxFrameBytes = 10, "Live:Limits:MaxFrameBytes" },
        { o => o.Limits.MaxJsonDepth = 1000, "Live:Limits:MaxJsonDepth" },
        { o => o.Limits.MaxComponentsPerConnection = 0, "Live:Limits:MaxComponentsPerConnection" },
        { o => o.Limits.MaxPendingRequestsPerConnection = -5, "Live:Limits:MaxPendingRequestsPerConnection" },
        { o => o.Limits.SendQueueCapacity = 1, "Live:Limits:SendQueueCapacity" },
        { o => o.HandshakeTimeout = TimeSpan.Zero, "Live:HandshakeTimeout" },
        { o => o.Limits.MaxConnectionsPerUser = 0, "Live:Limits:MaxConnectionsPerUser" },
        { o => o.Authentication.Schemes.Add(" "), "Live:Authentication:Schemes" },
    };

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public async Task Invalid_options_stop_start_up_with_a_message_naming_the_setting(Action<LiveOptions> configure, string setting)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => LiveServer.StartAsync(configure));

        Assert.Contains(setting, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Options_bind_from_the_Live_configuration_section()
    {
        await using var server = await LiveServer.StartAsync(configuration: new Dictionary<string, string?>
        {
            ["Live:Limits:MaxComponentsPerConnection"] = "1",
        });
        await using var client = await Clients.ConnectAsync(server);
        await client.MountAsync("Counter");

        var error = await Assert.ThrowsAsync<Live.Client.LiveErrorException>(() => client.MountAsync("Counter"));
        Assert.Equal("too_many_components", error.Code);
    }
}
