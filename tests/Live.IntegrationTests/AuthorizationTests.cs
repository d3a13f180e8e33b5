using System.Text.Json;
using Live.Client;
using Live.IntegrationTests.Infrastructure;

namespace Live.IntegrationTests;

/// <summary>[Authorize]/[AllowAnonymous] read by the generator, evaluated by ASP.NET Core authorization on a real server.</summary>
public sealed class AuthorizationTests
{
    [Fact]
    public async Task Anonymous_mount_of_an_authorize_component_answers_unauthorized()
    {
        await using var server = await LiveServer.StartAsync(environment: "Production");
        await using var client = await Clients.ConnectAsync(server);

        var error = await Assert.ThrowsAsync<LiveErrorException>(() => client.MountAsync("Vault"));

        Assert.Equal("unauthorized", error.Code);
        Assert.Contains("Sign in to mount 'Vault'.", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Requirement", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signed_in_user_mounts_and_calls_class_level_authorized_actions()
    {
        await using var server = await LiveServer.StartAsync();
        await using var client = await Clients.ConnectAsync(server, HeaderAuthentication.As("bob"));

        var vault = await client.MountAsync("Vault");
        await vault.InvokeAsync("deposit", new { amount = 5 });

        Assert.Equal(5, vault.State["balance"]!.GetValue<int>());
        Assert.False(vault.IsReadOnly);
    }

    [Fact]
    public async Task Action_level_role_adds_to_class_level_and_a_denied_call_changes_and_sends_nothing()
    {
        await using var server = await LiveServer.StartAsync(environment: "Production");
        await using var client = await Clients.ConnectAsync(server, HeaderAuthentication.As("bob", "auditor"));
        var received = new List<string>();
        client.MessageReceived += m =>
        {
            lock (received)
            {
                received.Add(m.GetProperty("type").GetString()!);
            }
        };
        var vault = await client.MountAsync("Vault");
        await vault.InvokeAsync("deposit", new { amount = 7 });
        lock (received)
        {
            received.Clear();
        }

        var error = await Assert.ThrowsAsync<LiveErrorException>(() => vault.InvokeAsync("reset"));
        var afterwards = await vault.InvokeAsync<int>("deposit", new { amount = 1 });

        Assert.Equal("forbidden", error.Code);
        Assert.EndsWith("forbidden: You are not allowed to call 'reset' of 'Vault'.", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, afterwards);
        Assert.Equal(8, vault.State["balance"]!.GetValue<int>());
        Assert.Equal(2, vault.Version);
        lock (received)
        {
            // The refusal, then the next call's result (carrying its change: the caller alone holds the instance);
            // nothing was sent for the refused call but its error.
            Assert.Equal(["error", "result"], received);
        }
    }

    [Fact]
    public async Task Admin_role_calls_the_admin_only_action()
    {
        await using var server = await LiveServer.StartAsync();
        await using var client = await Clients.ConnectAsync(server, HeaderAuthentication.As("alice", "admin"));
        var vault = await client.MountAsync("Vault");
        await vault.InvokeAsync("deposit", new { amount = 3 });

        await vault.InvokeAsync("reset");

        Assert.Equal(0, vault.State["balance"]!.GetValue<int>());
    }

    [Fact]
    public async Task Two_authorize_attributes_on_one_action_must_both_pass()
    {
        await using var server = await LiveServer.StartAsync();
        await using var adminOnly = await Clients.ConnectAsync(server, HeaderAuthentication.As("alice", "admin"));
        await using var both = await Clients.ConnectAsync(server, HeaderAuthentication.As("carol", "admin", "auditor"));

        var refused = await Assert.ThrowsAsync<LiveErrorException>(async () => await (await adminOnly.MountAsync("Vault")).InvokeAsync<int>("audit"));
        var audited = await (await both.MountAsync("Vault")).InvokeAsync<int>("audit");

        Assert.Equal("forbidden", refused.Code);
        Assert.Contains("auditor", refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, audited);
    }

    [Fact]
    public async Task Development_errors_name_the_failed_requirement()
    {
        await using var server = await LiveServer.StartAsync(environment: "Development");
        await using var anonymous = await Clients.ConnectAsync(server);
        await using var bob = await Clients.ConnectAsync(server, HeaderAuthentication.As("bob"));

        var unauthorized = await Assert.ThrowsAsync<LiveErrorException>(() => anonymous.MountAsync("Vault"));
        var forbidden = await Assert.ThrowsAsync<LiveErrorException>(async () => await (await bob.MountAsync("Vault")).InvokeAsync("reset"));

        Assert.Contains("Failed requirement: DenyAnonymousAuthorizationRequirement", unauthorized.Message, StringComparison.Ordinal);
        Assert.Contains("Failed requirement: RolesAuthorizationRequirement", forbidden.Message, StringComparison.Ordinal);
        Assert.Contains("(admin)", forbidden.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_policy_sees_the_instance_state_and_an_allow_anonymous_action_bypasses_it()
    {
        await using var server = await LiveServer.StartAsync();
        await using var client = await Clients.ConnectAsync(server, HeaderAuthentication.As("bob"));
        var safe = await client.MountAsync("Safe");
        await safe.InvokeAsync("add", new { amount = 1 });
        await safe.InvokeAsync("lock");

        var refused = await Assert.ThrowsAsync<LiveErrorException>(() => safe.InvokeAsync("add", new { amount = 10 }));
        await safe.InvokeAsync("unlock");
        await safe.InvokeAsync("add", new { amount = 2 });

        Assert.Equal("forbidden", refused.Code);
        Assert.Contains("policy 'unlocked'", refused.Message, StringComparison.Ordinal);
        Assert.Equal(3, safe.State["count"]!.GetValue<int>());
        Assert.False(safe.State["locked"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Unknown_policy_named_by_a_component_fails_start_up_naming_component_member_and_policy()
    {
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => LiveServer.StartAsync(registerTestPolicies: false));

        Assert.Contains("component 'Safe', class Safe: policy 'unlocked'", failure.Message, StringComparison.Ordinal);
        Assert.Contains("component 'NoticeBoard', WritePolicy: policy 'editors'", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_only_connection_mounts_and_receives_changes_but_its_actions_are_refused()
    {
        await using var server = await LiveServer.StartAsync(environment: "Production");
        await using var editor = await Clients.ConnectAsync(server, HeaderAuthentication.As("erin", "editor"));
        await using var viewer = await Clients.ConnectAsync(server, HeaderAuthentication.As("vic"));
        var editing = await editor.MountAsync("NoticeBoard");
        var watching = await viewer.MountAsync("NoticeBoard");

        // The mounted answer tells each connection whether it may write, so a UI can disable its controls.
        Assert.False(editing.IsReadOnly);
        Assert.True(watching.IsReadOnly);

        await editing.InvokeAsync("post", new { text = "hello" });
        await watching.WaitForStateAsync(s => s["notices"]!.AsArray().Count == 1, Clients.Wait);
        var refused = await Assert.ThrowsAsync<LiveErrorException>(() => watching.InvokeAsync("post", new { text = "spam" }));
        var count = await watching.InvokeAsync<int>("count");

        Assert.Equal("read_only", refused.Code);
        Assert.Contains("read-only for 'NoticeBoard'", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("editors", refused.Message, StringComparison.Ordinal);
        Assert.Equal(1, count);
        Assert.Equal(1, editing.Version);
        Assert.Equal("hello", Assert.Single(editing.State["notices"]!.AsArray())!.GetValue<string>());
    }

    [Fact]
    public async Task Anonymous_connection_is_read_only_too_and_gets_read_only_not_unauthorized()
    {
        await using var server = await LiveServer.StartAsync();
        await using var anonymous = await Clients.ConnectAsync(server);
        var board = await anonymous.MountAsync("NoticeBoard");
        Assert.True(board.IsReadOnly);

        var refused = await Assert.ThrowsAsync<LiveErrorException>(() => board.InvokeAsync("post", new { text = "x" }));

        Assert.Equal("read_only", refused.Code);
        Assert.Contains("write policy 'editors'", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Authorization_errors_answer_the_request_id_on_the_raw_wire()
    {
        await using var server = await LiveServer.StartAsync();
        await using var client = await Clients.ConnectAsync(server, o => o.HeartbeatInterval = Timeout.InfiniteTimeSpan);
        var answer = new TaskCompletionSource<JsonElement>();
        client.MessageReceived += m =>
        {
            if (m.TryGetProperty("id", out var id) && id.GetString() == "auth-1")
            {
                answer.TrySetResult(m.Clone());
            }
        };

        await client.SendRawTextAsync("""{"type":"mount","id":"auth-1","component":"Vault"}""");
        var error = await answer.Task.WaitAsync(Clients.Wait);

        Assert.Equal("error", error.GetProperty("type").GetString());
        Assert.Equal("unauthorized", error.GetProperty("code").GetString());
    }
}
