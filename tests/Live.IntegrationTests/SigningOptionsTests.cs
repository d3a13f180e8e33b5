using Live.Client;
using Live.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Live.IntegrationTests;

public sealed class SigningOptionsTests
{
    [Fact]
    public async Task Production_without_a_signing_key_fails_at_start_up_naming_the_setting_and_how_to_make_a_secret()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(
            () => LiveServer.StartAsync(environment: "Production", withSigningKey: false));

        Assert.Contains("Live:Signing:Keys", error.Message, StringComparison.Ordinal);
        Assert.Contains("openssl rand -base64 32", error.Message, StringComparison.Ordinal);
        Assert.Contains("Live__Signing__Keys__0__Secret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Production_with_a_configured_key_starts_and_signs_with_it()
    {
        await using var server = await LiveServer.StartAsync(environment: "Production");
        await using var client = await Clients.ConnectAsync(server);
        var counter = await client.MountAsync("Counter");

        Assert.Equal("test-1", TestTokens.Read(counter.StateToken!)["kid"]!.GetValue<string>());
    }

    [Fact]
    public async Task Development_without_a_key_signs_with_an_ephemeral_key_and_warns()
    {
        await using var server = await LiveServer.StartAsync(withSigningKey: false);
        await using var client = await Clients.ConnectAsync(server);
        var counter = await client.MountAsync("Counter");

        Assert.Equal("ephemeral", TestTokens.Read(counter.StateToken!)["kid"]!.GetValue<string>());
        Assert.Contains(server.Logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("Live:Signing:Keys", StringComparison.Ordinal));
    }

    public static TheoryData<Dictionary<string, string?>, string> BadKeys => new()
    {
        { new() { ["Live:Signing:Keys:0:Id"] = "k1", ["Live:Signing:Keys:0:Secret"] = Convert.ToBase64String(new byte[16]) }, "at least 32" },
        { new() { ["Live:Signing:Keys:0:Id"] = "k1", ["Live:Signing:Keys:0:Secret"] = "not base64 !!" }, "Live:Signing:Keys:0:Secret must be base64" },
        { new() { ["Live:Signing:Keys:0:Id"] = "bad id", ["Live:Signing:Keys:0:Secret"] = Convert.ToBase64String(new byte[32]) }, "Live:Signing:Keys:0" },
        {
            new()
            {
                ["Live:Signing:Keys:0:Id"] = "k1", ["Live:Signing:Keys:0:Secret"] = Convert.ToBase64String(new byte[32]),
                ["Live:Signing:Keys:1:Id"] = "k1", ["Live:Signing:Keys:1:Secret"] = Convert.ToBase64String(new byte[32]),
            },
            "used by two keys"
        },
        { new() { ["Live:Signing:Keys:0:Id"] = "k1", ["Live:Signing:Keys:0:Secret"] = Convert.ToBase64String(new byte[32]), ["Live:Signing:TokenInterval"] = "00:00:00" }, "Live:Signing:TokenInterval" },
        { new() { ["Live:Signing:Keys:0:Id"] = "k1", ["Live:Signing:Keys:0:Secret"] = Convert.ToBase64String(new byte[32]), ["Live:Signing:MaxTokenAge"] = "-00:01:00" }, "Live:Signing:MaxTokenAge" },
        { new() { ["Live:Signing:Keys:0:Id"] = "k1", ["Live:Signing:Keys:0:Secret"] = Convert.ToBase64String(new byte[32]), ["Live:Retention:Window"] = "-00:00:01" }, "Live:Retention:Window" },
        { new() { ["Live:Signing:Keys:0:Id"] = "k1", ["Live:Signing:Keys:0:Secret"] = Convert.ToBase64String(new byte[32]), ["Live:Retention:MaxTotal"] = "0" }, "Live:Retention:MaxTotal" },
    };

    [Theory]
    [MemberData(nameof(BadKeys))]
    public async Task Unusable_signing_or_retention_settings_stop_start_up_with_a_message_naming_the_setting(Dictionary<string, string?> configuration, string expected)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(
            () => LiveServer.StartAsync(environment: "Production", withSigningKey: false, configuration: configuration));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Keys_and_intervals_bind_from_the_Live_Signing_section()
    {
        var secret = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        await using var server = await LiveServer.StartAsync(environment: "Production", withSigningKey: false, configuration: new Dictionary<string, string?>
        {
            ["Live:Signing:Keys:0:Id"] = "new",
            ["Live:Signing:Keys:0:Secret"] = secret,
            ["Live:Signing:Keys:1:Id"] = "old",
            ["Live:Signing:Keys:1:Secret"] = Convert.ToBase64String(TestTokens.TestSecret),
            ["Live:Signing:TokenInterval"] = "00:00:05",
        });
        var options = server.Services.GetRequiredService<IOptions<LiveOptions>>().Value;
        await using var client = await Clients.ConnectAsync(server);
        var counter = await client.MountAsync("Counter");

        Assert.Equal(TimeSpan.FromSeconds(5), options.Signing.TokenInterval);
        Assert.Equal(2, options.Signing.Keys.Count);
        Assert.Equal("new", TestTokens.Read(counter.StateToken!)["kid"]!.GetValue<string>());
    }
}
