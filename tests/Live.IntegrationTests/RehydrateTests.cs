using System.Text.Json;
using Live.Client;
using Live.IntegrationTests.Components;
using Live.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Live.IntegrationTests;

public sealed class RehydrateTests
{
    private static readonly Action<LiveOptions> TokenPerChange = o => o.Signing.TokenInterval = TimeSpan.FromTicks(1);

    [Fact]
    public async Task A_token_rehydrates_a_new_instance_with_its_state_and_version_and_a_fresh_token_and_secret()
    {
        await using var server = await LiveServer.StartAsync(TokenPerChange);
        var log = server.Services.GetRequiredService<HookLog>();
        string token, oldInstance;
        await using (var first = await Clients.ConnectAsync(server))
        {
            var inbox = Inbox.Of(first);
            var lifecycle = await first.MountAsync("Lifecycle");
            oldInstance = lifecycle.InstanceId;
            await lifecycle.InvokeAsync("run");
            await lifecycle.InvokeAsync("run");

            // The token follows the result that carried the change: wait for it rather than race it.
            await inbox.WaitForTypeAsync("token", m => m.GetProperty("version").GetInt64() == 2);
            token = inbox.OfType("token").Single(m => m.GetProperty("version").GetInt64() == 2).GetProperty("token").GetString()!;
        }

        await using var second = await Clients.ConnectAsync(server);
        var answer = await Rehydrate(second, "Lifecycle", token);

        Assert.Equal("mounted", answer.GetProperty("type").GetString());
        Assert.True(answer.GetProperty("rehydrated").GetBoolean());
        var instance = answer.GetProperty("instance").GetString()!;
        Assert.NotEqual(oldInstance, instance);
        Assert.Equal(2, answer.GetProperty("version").GetInt64());
        Assert.Equal(2, answer.GetProperty("state").GetProperty("runs").GetInt32());
        Assert.NotEqual(token, answer.GetProperty("token").GetString());
        Assert.Equal(instance, TestTokens.Read(answer.GetProperty("token").GetString()!)["i"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(answer.GetProperty("resume").GetString()));

        // The mount hook runs first (before the state is restored), then the rehydrate hook with the token's state.
        Assert.Contains($"lifecycle:mount-rehydrating:{instance}:runs=0", log.Entries);
        Assert.Contains($"lifecycle:rehydrate:{instance}:v2:runs=2", log.Entries);
        Assert.True(IndexOf(log, $"lifecycle:mount:{instance}") < IndexOf(log, $"lifecycle:rehydrate:{instance}:v2:runs=2"));

        // The rehydrated instance works like a mounted one: actions, patches from its version on.
        var run = await second.SendRawRequestAsync($$$"""{"type":"action","id":"r1","instance":"{{{instance}}}","action":"run"}""", "r1");
        Assert.Equal("result", run.GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_restarted_server_with_the_same_key_rehydrates_the_token_its_predecessor_signed()
    {
        string token;
        int port;
        await using (var before = await LiveServer.StartAsync(TokenPerChange))
        {
            port = before.LiveUri.Port;
            await using var client = await Clients.ConnectAsync(before);
            var counter = await client.MountAsync("Counter");
            await counter.InvokeAsync("add", new { amount = 41 });
            token = counter.StateToken!;
        }

        await using var after = await LiveServer.StartAsync();
        await using var again = await Clients.ConnectAsync(after);
        var answer = await Rehydrate(again, "Counter", token);

        Assert.Equal(41, answer.GetProperty("state").GetProperty("count").GetInt32());
        Assert.NotEqual(0, port);
    }

    [Fact]
    public async Task A_replayed_token_is_refused_with_token_replayed()
    {
        await using var server = await LiveServer.StartAsync();
        await using var client = await Clients.ConnectAsync(server);
        var token = (await client.MountAsync("Counter")).StateToken!;

        Assert.Equal("mounted", (await Rehydrate(client, "Counter", token)).GetProperty("type").GetString());
        await AssertRefused(client, "Counter", token, "token_replayed");
    }

    [Fact]
    public async Task A_token_for_a_component_the_user_may_no_longer_mount_is_refused_without_its_state()
    {
        await using var server = await LiveServer.StartAsync(TokenPerChange);
        string token;
        await using (var bob = await Clients.ConnectAsync(server, HeaderAuthentication.As("bob")))
        {
            var vault = await bob.MountAsync("Vault");
            await vault.InvokeAsync("deposit", new { amount = 7312 });
            token = vault.StateToken!;
        }

        // The same browser, signed out: Vault requires a signed-in user, so its token no longer mounts it.
        await using var anonymous = await Clients.ConnectAsync(server);
        var answer = await RehydrateRaw(anonymous, "Vault", token);

        Assert.Equal("error", answer.GetProperty("type").GetString());
        Assert.Equal("unauthorized", answer.GetProperty("code").GetString());
        Assert.StartsWith("rh", answer.GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("7312", answer.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_components_token_is_refused_with_token_component_mismatch()
    {
        await using var server = await LiveServer.StartAsync();
        await using var client = await Clients.ConnectAsync(server);
        var token = (await client.MountAsync("Counter")).StateToken!;

        await AssertRefused(client, "Lifecycle", token, "token_component_mismatch");

        // Refused before the nonce was used: the token still works for its own component.
        Assert.Equal("mounted", (await Rehydrate(client, "Counter", token)).GetProperty("type").GetString());
    }

    [Fact]
    public async Task An_expired_token_is_refused_with_token_expired()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await LiveServer.StartAsync(services: s => s.AddSingleton<TimeProvider>(time));
        await using var client = await Clients.ConnectAsync(server);
        var token = (await client.MountAsync("Counter")).StateToken!;

        time.Advance(TimeSpan.FromMinutes(30) + TimeSpan.FromSeconds(1));

        // A new connection: the old one was idle for those 30 minutes of fake time.
        await using var later = await Clients.ConnectAsync(server);
        await AssertRefused(later, "Counter", token, "token_expired");
    }

    [Fact]
    public async Task A_token_dated_in_the_future_is_refused_with_token_expired()
    {
        await using var server = await LiveServer.StartAsync();
        await using var client = await Clients.ConnectAsync(server);

        var token = TestTokens.Sign("Counter", 3, """{"count":3,"label":"x"}""", issuedAt: DateTimeOffset.UtcNow.AddHours(1));

        await AssertRefused(client, "Counter", token, "token_expired");
    }

    [Fact]
    public async Task The_max_token_age_is_configurable()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await LiveServer.StartAsync(
            o => o.Signing.MaxTokenAge = TimeSpan.FromMinutes(5),
            services: s => s.AddSingleton<TimeProvider>(time));
        await using var client = await Clients.ConnectAsync(server);
        var token = (await client.MountAsync("Counter")).StateToken!;

        time.Advance(TimeSpan.FromMinutes(6));

        await using var later = await Clients.ConnectAsync(server);
        await AssertRefused(later, "Counter", token, "token_expired");
    }

    public static TheoryData<string, Action<System.Text.Json.Nodes.JsonObject>> TamperedFields => new()
    {
        { "component", p => p["c"] = "Lifecycle" },
        { "instance", p => p["i"] = "c_someone_else" },
        { "version", p => p["ver"] = 999 },
        { "issued at", p => p["iat"] = p["iat"]!.GetValue<long>() + 1 },
        { "nonce", p => p["n"] = "AAAAAAAAAAAAAAAAAAAAAA" },
        { "state", p => p["s"]!["count"] = 1_000_000 },
    };

    [Theory]
    [MemberData(nameof(TamperedFields))]
    public async Task A_token_with_a_changed_field_is_refused_with_token_invalid_signature(string field, Action<System.Text.Json.Nodes.JsonObject> change)
    {
        await using var server = await LiveServer.StartAsync();
        await using var client = await Clients.ConnectAsync(server);
        var token = (await client.MountAsync("Counter")).StateToken!;
        var component = field == "component" ? "Lifecycle" : "Counter";

        await AssertRefused(client, component, TestTokens.Tamper(token, change), "token_invalid_signature");
    }

    [Fact]
    public async Task A_token_with_a_changed_signature_is_refused_with_token_invalid_signature()
    {
        await using var server = await LiveServer.StartAsync();
        await using var client = await Clients.ConnectAsync(server);
        var token = (await client.MountAsync("Counter")).StateToken!;
        var last = token[^2] == 'A' ? 'B' : 'A';

        await AssertRefused(client, "Counter", token[..^2] + last + token[^1], "token_invalid_signature");
    }

    [Fact]
    public async Task A_token_naming_another_key_id_is_refused_with_token_unknown_key()
    {
        await using var server = await LiveServer.StartAsync();
        await using var client = await Clients.ConnectAsync(server);
        var token = (await client.MountAsync("Counter")).StateToken!;

        await AssertRefused(client, "Counter", TestTokens.Tamper(token, p => p["kid"] = "nope"), "token_unknown_key");
    }

    [Fact]
    public async Task A_token_signed_with_a_wrong_secret_under_a_known_key_id_is_refused_with_token_invalid_signature()
    {
        await using var server = await LiveServer.StartAsync();
        await using var client = await Clients.ConnectAsync(server);

        var forged = TestTokens.Sign("Counter", 7, """{"count":7,"label":"forged"}""", keyId: "test-1", secret: new byte[32]);

        await AssertRefused(client, "Counter", forged, "token_invalid_signature");
    }

    [Fact]
    public async Task A_token_of_a_retired_key_is_refused_and_a_rotated_key_still_verifies()
    {
        var oldSecret = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var newSecret = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var oldToken = TestTokens.Sign("Counter", 4, """{"count":4,"label":"old key"}""", keyId: "2026-10", secret: Convert.FromBase64String(oldSecret));
        var anotherOldToken = TestTokens.Sign("Counter", 5, """{"count":5,"label":"old key"}""", keyId: "2026-10", secret: Convert.FromBase64String(oldSecret));

        // Rotation: the new key signs, the old one still verifies.
        await using (var rotated = await LiveServer.StartAsync(withSigningKey: false, configuration: Keys(("2026-11", newSecret), ("2026-10", oldSecret))))
        {
            await using var client = await Clients.ConnectAsync(rotated);
            var answer = await Rehydrate(client, "Counter", oldToken);
            Assert.Equal(4, answer.GetProperty("state").GetProperty("count").GetInt32());
            Assert.Equal("2026-11", TestTokens.Read(answer.GetProperty("token").GetString()!)["kid"]!.GetValue<string>());
        }

        // Retired: the old key is gone.
        await using var retired = await LiveServer.StartAsync(withSigningKey: false, configuration: Keys(("2026-11", newSecret)));
        await using var later = await Clients.ConnectAsync(retired);
        await AssertRefused(later, "Counter", anotherOldToken, "token_unknown_key");
    }

    public static TheoryData<string> MalformedTokens => new()
    {
        "x",
        "no-dot-here",
        "a.b.c",
        ".onlysignature",
        "payload.",
        "!!!.???",
        "eyJ2IjoxfQ.AAAA",
        Base64Json("""{"v":1}""") + "." + new string('A', 43),
        Base64Json("""[1,2,3]""") + "." + new string('A', 43),
        Base64Json("""{"v":2,"kid":"test-1","c":"Counter","i":"c_x","ver":1,"iat":1,"n":"n","s":{}}""") + "." + new string('A', 43),
        Base64Json("""{"v":1,"kid":"test-1","c":"Counter","i":"c_x","ver":-1,"iat":1,"n":"n","s":{}}""") + "." + new string('A', 43),
        Base64Json("""{"v":1,"kid":"test-1","c":"Counter","i":"c_x","ver":1,"iat":1,"n":"n","s":[]}""") + "." + new string('A', 43),
        Base64Json("""{"v":1,"kid":"test-1","kid":"test-1","c":"Counter","i":"c_x","ver":1,"iat":1,"n":"n","s":{}}""") + "." + new string('A', 43),
    };

    [Theory]
    [MemberData(nameof(MalformedTokens))]
    public async Task A_malformed_token_is_refused_with_token_malformed(string token)
    {
        await using var server = await LiveServer.StartAsync();
        await using var client = await Clients.ConnectAsync(server);

        await AssertRefused(client, "Counter", token, "token_malformed");
    }

    [Fact]
    public async Task A_signed_state_that_no_longer_fits_the_state_type_is_refused_with_token_state_invalid()
    {
        await using var server = await LiveServer.StartAsync();
        await using var client = await Clients.ConnectAsync(server);

        var token = TestTokens.Sign("Counter", 2, """{"count":"two","label":"x"}""");

        await AssertRefused(client, "Counter", token, "token_state_invalid");
    }

    [Fact]
    public async Task A_rehydrate_hook_that_throws_refuses_with_mount_failed_and_destroys_the_new_instance()
    {
        await using var server = await LiveServer.StartAsync(TokenPerChange);
        var log = server.Services.GetRequiredService<HookLog>();
        await using var client = await Clients.ConnectAsync(server);
        var lifecycle = await client.MountAsync("Lifecycle");
        await lifecycle.InvokeAsync("setMode", new { mode = "refuse-rehydrate" });

        var answer = await RehydrateRaw(client, "Lifecycle", lifecycle.StateToken!);

        Assert.Equal("mount_failed", answer.GetProperty("code").GetString());
        await log.WaitForAsync(e => e.StartsWith("lifecycle:destroy:", StringComparison.Ordinal) && !e.EndsWith(lifecycle.InstanceId, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_singleton_is_not_rehydratable_and_an_unknown_component_is_unknown()
    {
        await using var server = await LiveServer.StartAsync();
        await using var client = await Clients.ConnectAsync(server);
        var token = TestTokens.Sign("SharedBoard", 1, "{}");

        await AssertRefused(client, "SharedBoard", token, "not_rehydratable");
        await AssertRefused(client, "NoSuchThing", token, "unknown_component");
    }

    [Fact]
    public async Task A_refused_rehydrate_changes_nothing_and_never_echoes_the_state()
    {
        await using var server = await LiveServer.StartAsync();
        await using var client = await Clients.ConnectAsync(server);
        var token = TestTokens.Sign("Counter", 2, """{"count":2,"label":"secret-label-123"}""");
        var tampered = TestTokens.Tamper(token, p => p["ver"] = 3);

        var answer = await RehydrateRaw(client, "Counter", tampered);

        Assert.DoesNotContain("secret-label-123", answer.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(0, server.Services.GetRequiredService<Live.Hosting.LiveRuntime>().Metrics.Statistics.Components.FirstOrDefault(p => p.Key == "Counter").Value?.Instances ?? 0);

        // The untampered token is still unused.
        Assert.Equal("mounted", (await Rehydrate(client, "Counter", token)).GetProperty("type").GetString());
    }

    internal static async Task<JsonElement> Rehydrate(LiveConnection client, string component, string token)
    {
        var answer = await RehydrateRaw(client, component, token);
        Assert.True(answer.GetProperty("type").GetString() == "mounted", answer.GetRawText());
        return answer;
    }

    private static int counter;

    private static Task<JsonElement> RehydrateRaw(LiveConnection client, string component, string token)
    {
        var id = "rh" + Interlocked.Increment(ref counter);
        return client.SendRawRequestAsync(
            JsonSerializer.Serialize(new Dictionary<string, string> { ["type"] = "rehydrate", ["id"] = id, ["component"] = component, ["token"] = token }), id);
    }

    private static async Task AssertRefused(LiveConnection client, string component, string token, string code)
    {
        var answer = await RehydrateRaw(client, component, token);
        Assert.True(answer.GetProperty("type").GetString() == "error", answer.GetRawText());
        Assert.Equal(code, answer.GetProperty("code").GetString());
    }

    private static int IndexOf(HookLog log, string entry) => log.Entries.ToList().IndexOf(entry);

    private static string Base64Json(string json) => System.Buffers.Text.Base64Url.EncodeToString(System.Text.Encoding.UTF8.GetBytes(json));

    private static Dictionary<string, string?> Keys(params (string Id, string Secret)[] keys)
    {
        var configuration = new Dictionary<string, string?>();
        for (var i = 0; i < keys.Length; i++)
        {
            configuration[$"Live:Signing:Keys:{i}:Id"] = keys[i].Id;
            configuration[$"Live:Signing:Keys:{i}:Secret"] = keys[i].Secret;
        }

        return configuration;
    }
}
