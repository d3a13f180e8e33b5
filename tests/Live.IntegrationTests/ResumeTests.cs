using System.Security.Claims;
using System.Text.Json;
using Live.Client;
using Live.IntegrationTests.Components;
using Live.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Live.IntegrationTests;

public sealed class ResumeTests
{
    [Fact]
    public async Task After_a_drop_a_resume_gets_the_live_instance_back_with_the_patches_made_during_the_gap()
    {
        await using var server = await LiveServer.StartAsync();
        await using var first = await Clients.ConnectAsync(server);
        var ticker = await first.MountAsync("Ticker");
        var secret = ticker.ResumeSecret!;

        await DropAndWaitUntilKeptAsync(server, first, ticker.InstanceId);
        server.Services.GetRequiredService<ExternalEvents>().Raise("during the gap");
        server.Services.GetRequiredService<ExternalEvents>().Raise("still in the gap");
        await server.Logs.WaitForAsync(e => e.Message.Contains("lost its connection", StringComparison.Ordinal));

        await using var second = await Clients.ConnectAsync(server);
        var inbox = Inbox.Of(second);
        var answer = await ResumeAsync(second, ticker.InstanceId, secret, ticker.Version);

        Assert.Equal("resumed", answer.GetProperty("type").GetString());
        Assert.Equal(ticker.InstanceId, answer.GetProperty("instance").GetString());
        Assert.False(answer.TryGetProperty("state", out _));
        var patches = inbox.OfType("patch");
        Assert.Equal([1L, 2L], patches.Select(p => p.GetProperty("version").GetInt64()));
        Assert.Contains("still in the gap", patches[^1].GetRawText(), StringComparison.Ordinal);
        Assert.Equal(2, answer.GetProperty("version").GetInt64());
        Assert.NotEqual(secret, answer.GetProperty("resume").GetString());
        Assert.Equal(2, TestTokens.Read(answer.GetProperty("token").GetString()!)["ver"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_resume_after_a_change_that_travelled_in_a_result_replays_only_the_patches_made_during_the_gap()
    {
        await using var server = await LiveServer.StartAsync();
        await using var first = await Clients.ConnectAsync(server);
        var firstInbox = Inbox.Of(first);
        var ticker = await first.MountAsync("Ticker");
        await ticker.InvokeAsync("note", new { text = "from an action" });
        Assert.Equal(1, ticker.Version);
        Assert.True(Assert.Single(firstInbox.OfType("result")).TryGetProperty("ops", out _)); // version 1, implied
        Assert.Empty(firstInbox.OfType("patch"));

        await DropAndWaitUntilKeptAsync(server, first, ticker.InstanceId);
        server.Services.GetRequiredService<ExternalEvents>().Raise("during the gap");

        await using var second = await Clients.ConnectAsync(server);
        var inbox = Inbox.Of(second);
        var answer = await ResumeUntilVersionAsync(second, ticker.InstanceId, ticker.ResumeSecret!, 1, 2);

        Assert.False(answer.TryGetProperty("state", out _));
        var patch = Assert.Single(inbox.OfType("patch"));
        Assert.Equal(2, patch.GetProperty("version").GetInt64());
        Assert.Contains("during the gap", patch.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(2, TestTokens.Read(answer.GetProperty("token").GetString()!)["ver"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_resume_from_before_a_change_that_travelled_in_a_result_gets_the_full_state()
    {
        await using var server = await LiveServer.StartAsync();
        await using var first = await Clients.ConnectAsync(server);
        var ticker = await first.MountAsync("Ticker");
        await ticker.InvokeAsync("note", new { text = "from an action" });
        await DropAndWaitUntilKeptAsync(server, first, ticker.InstanceId);

        // A client that never saw that result (it was lost with the connection) resumes from version 0.
        await using var second = await Clients.ConnectAsync(server);
        var inbox = Inbox.Of(second);
        var answer = await ResumeUntilVersionAsync(second, ticker.InstanceId, ticker.ResumeSecret!, 0, 1);

        Assert.Equal("from an action", answer.GetProperty("state").GetProperty("lastEvent").GetString());
        Assert.Empty(inbox.OfType("patch"));
    }

    [Fact]
    public async Task A_resume_after_more_missed_patches_than_are_buffered_gets_the_full_state()
    {
        await using var server = await LiveServer.StartAsync(o => o.Retention.MaxBufferedPatches = 1);
        await using var first = await Clients.ConnectAsync(server);
        var ticker = await first.MountAsync("Ticker");
        await DropAndWaitUntilKeptAsync(server, first, ticker.InstanceId);
        var events = server.Services.GetRequiredService<ExternalEvents>();
        events.Raise("one");
        events.Raise("two");

        await using var second = await Clients.ConnectAsync(server);
        var inbox = Inbox.Of(second);
        var answer = await ResumeUntilVersionAsync(second, ticker.InstanceId, ticker.ResumeSecret!, 0, 2);

        Assert.Equal("two", answer.GetProperty("state").GetProperty("lastEvent").GetString());
        Assert.Empty(inbox.OfType("patch"));
    }

    [Fact]
    public async Task A_client_version_ahead_of_the_server_gets_the_full_state()
    {
        await using var server = await LiveServer.StartAsync();
        await using var first = await Clients.ConnectAsync(server);
        var ticker = await first.MountAsync("Ticker");
        await DropAndWaitUntilKeptAsync(server, first, ticker.InstanceId);

        await using var second = await Clients.ConnectAsync(server);
        var answer = await ResumeAsync(second, ticker.InstanceId, ticker.ResumeSecret!, 99);

        Assert.Equal("resumed", answer.GetProperty("type").GetString());
        Assert.Equal(0, answer.GetProperty("version").GetInt64());
        Assert.True(answer.TryGetProperty("state", out _));
    }

    [Fact]
    public async Task After_a_resume_the_component_answers_to_the_new_connection_and_keeps_working()
    {
        await using var server = await LiveServer.StartAsync();
        await using var first = await Clients.ConnectAsync(server);
        var lifecycle = await first.MountAsync("Lifecycle");
        var before = await lifecycle.InvokeAsync<string>("whoAmI");
        await DropAndWaitUntilKeptAsync(server, first, lifecycle.InstanceId);

        await using var second = await Clients.ConnectAsync(server);
        var probe = await second.MountAsync("Lifecycle");
        var secondConnection = await probe.InvokeAsync<string>("whoAmI");
        await ResumeAsync(second, lifecycle.InstanceId, lifecycle.ResumeSecret!, 0);
        var after = await second.SendRawRequestAsync($$$"""{"type":"action","id":"w","instance":"{{{lifecycle.InstanceId}}}","action":"whoAmI"}""", "w");
        var run = await second.SendRawRequestAsync($$$"""{"type":"action","id":"r","instance":"{{{lifecycle.InstanceId}}}","action":"run"}""", "r");

        Assert.NotEqual(before, secondConnection);
        Assert.Equal(secondConnection, after.GetProperty("value").GetString());
        Assert.Equal("result", run.GetProperty("type").GetString());

        // The component never saw the drop: no disconnect or destroy hook ran for it.
        Assert.DoesNotContain(server.Services.GetRequiredService<HookLog>().Entries, e => e.Contains($"disconnect:{lifecycle.InstanceId}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_wrong_secret_is_refused_with_resume_failed_and_changes_nothing()
    {
        await using var server = await LiveServer.StartAsync();
        await using var first = await Clients.ConnectAsync(server);
        var counter = await first.MountAsync("Counter");
        await DropAndWaitUntilKeptAsync(server, first, counter.InstanceId);

        await using var second = await Clients.ConnectAsync(server);
        await AssertResumeFailedAsync(second, counter.InstanceId, "AAAAAAAAAAAAAAAAAAAAAA");
        await AssertResumeFailedAsync(second, counter.InstanceId, counter.ResumeSecret! + "x");
        var action = await second.SendRawRequestAsync($$$"""{"type":"action","id":"a","instance":"{{{counter.InstanceId}}}","action":"increment"}""", "a");
        Assert.Equal("instance_not_found", action.GetProperty("code").GetString());

        Assert.Equal("resumed", (await ResumeAsync(second, counter.InstanceId, counter.ResumeSecret!, 0)).GetProperty("type").GetString());
    }

    [Fact]
    public async Task Each_resume_rotates_the_secret_so_an_old_secret_stops_working()
    {
        await using var server = await LiveServer.StartAsync();
        await using var first = await Clients.ConnectAsync(server);
        var counter = await first.MountAsync("Counter");
        await DropAndWaitUntilKeptAsync(server, first, counter.InstanceId);
        await using var second = await Clients.ConnectAsync(server);
        await ResumeAsync(second, counter.InstanceId, counter.ResumeSecret!, 0);
        await DropAndWaitUntilKeptAsync(server, second, counter.InstanceId);

        await using var third = await Clients.ConnectAsync(server);
        await AssertResumeFailedAsync(third, counter.InstanceId, counter.ResumeSecret!);
    }

    [Fact]
    public async Task Another_user_cannot_resume_even_with_the_secret()
    {
        await using var server = await LiveServer.StartAsync(pipeline: UserFromQuery);
        await using var alice = await LiveConnection.ConnectAsync(new Uri(server.LiveUri + "?user=alice"));
        var counter = await alice.MountAsync("Counter");
        await DropAndWaitUntilKeptAsync(server, alice, counter.InstanceId);

        await using var mallory = await LiveConnection.ConnectAsync(new Uri(server.LiveUri + "?user=mallory"));
        await AssertResumeFailedAsync(mallory, counter.InstanceId, counter.ResumeSecret!);
        await using var anonymous = await Clients.ConnectAsync(server);
        await AssertResumeFailedAsync(anonymous, counter.InstanceId, counter.ResumeSecret!);

        await using var aliceAgain = await LiveConnection.ConnectAsync(new Uri(server.LiveUri + "?user=alice"));
        Assert.Equal("resumed", (await ResumeAsync(aliceAgain, counter.InstanceId, counter.ResumeSecret!, 0)).GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_resume_checks_the_mount_authorization_again_and_a_user_who_lost_the_role_gets_forbidden_without_the_state()
    {
        await using var server = await LiveServer.StartAsync(environment: "Production");
        await using var editor = await Clients.ConnectAsync(server, HeaderAuthentication.As("bob", "editor"));
        var desk = await editor.MountAsync("EditorDesk");
        await desk.InvokeAsync("write", new { text = "secret 7312" });
        await DropAndWaitUntilKeptAsync(server, editor, desk.InstanceId);

        // The same user, whose role was taken away while the connection was down.
        await using var demoted = await Clients.ConnectAsync(server, HeaderAuthentication.As("bob"));
        var answer = await ResumeRawAsync(demoted, desk.InstanceId, desk.ResumeSecret!, desk.Version);

        Assert.Equal("error", answer.GetProperty("type").GetString());
        Assert.Equal("forbidden", answer.GetProperty("code").GetString());
        Assert.StartsWith("rs", answer.GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("7312", answer.GetRawText(), StringComparison.Ordinal);

        // Refused without a change: the instance is still kept, and an editor's resume gets it back.
        await using var editorAgain = await Clients.ConnectAsync(server, HeaderAuthentication.As("bob", "editor"));
        var resumed = await ResumeAsync(editorAgain, desk.InstanceId, desk.ResumeSecret!, 0);
        Assert.Contains("secret 7312", resumed.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_the_window_the_instance_is_gone_and_its_hooks_ran_with_the_reason()
    {
        var time = new FakeTimeProvider();
        await using var server = await LiveServer.StartAsync(services: s => s.AddSingleton<TimeProvider>(time));
        var log = server.Services.GetRequiredService<HookLog>();
        await using var first = await Clients.ConnectAsync(server);
        var lifecycle = await first.MountAsync("Lifecycle");
        await DropAndWaitUntilKeptAsync(server, first, lifecycle.InstanceId);
        Assert.DoesNotContain($"lifecycle:destroy:{lifecycle.InstanceId}", log.Entries);

        time.Advance(TimeSpan.FromSeconds(59));
        Assert.DoesNotContain($"lifecycle:destroy:{lifecycle.InstanceId}", log.Entries);
        time.Advance(TimeSpan.FromSeconds(1));
        await log.WaitForAsync(e => e == $"lifecycle:destroy:{lifecycle.InstanceId}");

        Assert.Equal(
            [$"lifecycle:disconnect:{lifecycle.InstanceId}:RetentionExpired", $"lifecycle:destroy:{lifecycle.InstanceId}"],
            log.Entries.Where(e => e.Contains(lifecycle.InstanceId, StringComparison.Ordinal) && !e.Contains(":mount", StringComparison.Ordinal)));
        await using var second = await Clients.ConnectAsync(server);
        await AssertResumeFailedAsync(second, lifecycle.InstanceId, lifecycle.ResumeSecret!);
    }

    [Fact]
    public async Task Beyond_the_total_bound_the_oldest_kept_instance_is_released_with_a_reason()
    {
        await using var server = await LiveServer.StartAsync(o => o.Retention.MaxTotal = 1);
        var log = server.Services.GetRequiredService<HookLog>();
        await using var first = await Clients.ConnectAsync(server);
        var older = await first.MountAsync("Lifecycle");
        await DropAndWaitUntilKeptAsync(server, first, older.InstanceId);
        await using var second = await Clients.ConnectAsync(server);
        var newer = await second.MountAsync("Lifecycle");

        await DropAndWaitUntilKeptAsync(server, second, newer.InstanceId);

        await log.WaitForAsync(e => e == $"lifecycle:destroy:{older.InstanceId}");
        Assert.Contains($"lifecycle:disconnect:{older.InstanceId}:RetentionEvicted", log.Entries);
        await using var third = await Clients.ConnectAsync(server);
        await AssertResumeFailedAsync(third, older.InstanceId, older.ResumeSecret!);
        Assert.Equal("resumed", (await ResumeAsync(third, newer.InstanceId, newer.ResumeSecret!, 0)).GetProperty("type").GetString());
    }

    [Fact]
    public async Task Beyond_the_per_user_bound_that_users_oldest_kept_instance_is_released()
    {
        await using var server = await LiveServer.StartAsync(o => o.Retention.MaxPerUser = 1, pipeline: UserFromQuery);
        var log = server.Services.GetRequiredService<HookLog>();
        await using var alice = await LiveConnection.ConnectAsync(new Uri(server.LiveUri + "?user=alice"));
        var first = await alice.MountAsync("Lifecycle");
        var second = await alice.MountAsync("Lifecycle");
        await using var bob = await LiveConnection.ConnectAsync(new Uri(server.LiveUri + "?user=bob"));
        var bobs = await bob.MountAsync("Lifecycle");

        server.DropConnections();

        await log.WaitForAsync(e => e.StartsWith("lifecycle:destroy:", StringComparison.Ordinal));
        var evicted = log.Entries.Where(e => e.Contains("RetentionEvicted", StringComparison.Ordinal)).ToList();
        Assert.Single(evicted);
        Assert.True(evicted[0].Contains(first.InstanceId, StringComparison.Ordinal) || evicted[0].Contains(second.InstanceId, StringComparison.Ordinal));
        await server.Logs.WaitForAsync(e => e.Message.Contains($"{bobs.InstanceId} of 'Lifecycle' lost its connection", StringComparison.Ordinal));
        Assert.DoesNotContain(log.Entries, e => e.Contains(bobs.InstanceId, StringComparison.Ordinal) && e.Contains("destroy", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_half_dead_connection_of_the_same_client_hands_the_instance_over()
    {
        await using var server = await LiveServer.StartAsync();
        await using var stale = await Clients.ConnectAsync(server);
        var counter = await stale.MountAsync("Counter");
        await counter.InvokeAsync("increment");

        await using var fresh = await Clients.ConnectAsync(server);
        var answer = await ResumeAsync(fresh, counter.InstanceId, counter.ResumeSecret!, 1);

        Assert.Equal(1, answer.GetProperty("version").GetInt64());
        var onStale = await stale.SendRawRequestAsync($$$"""{"type":"action","id":"s","instance":"{{{counter.InstanceId}}}","action":"increment"}""", "s");
        Assert.Equal("instance_not_found", onStale.GetProperty("code").GetString());
        var onFresh = await fresh.SendRawRequestAsync($$$"""{"type":"action","id":"f","instance":"{{{counter.InstanceId}}}","action":"add","args":{"amount":1}}""", "f");
        Assert.Equal(2, onFresh.GetProperty("value").GetInt32());
    }

    [Fact]
    public async Task Resuming_an_instance_this_connection_holds_a_singleton_or_an_unknown_id_fails_alike()
    {
        await using var server = await LiveServer.StartAsync();
        await using var client = await Clients.ConnectAsync(server);
        var counter = await client.MountAsync("Counter");
        var board = await client.MountAsync("SharedBoard");

        await AssertResumeFailedAsync(client, counter.InstanceId, counter.ResumeSecret!);
        await AssertResumeFailedAsync(client, board.InstanceId, "AAAAAAAAAAAAAAAAAAAAAA");
        await AssertResumeFailedAsync(client, "c_guessed", "AAAAAAAAAAAAAAAAAAAAAA");
        var run = await client.SendRawRequestAsync($$$"""{"type":"action","id":"x","instance":"{{{counter.InstanceId}}}","action":"increment"}""", "x");
        Assert.Equal("result", run.GetProperty("type").GetString());
    }

    public static TheoryData<string, string> MalformedFrames => new()
    {
        { """{"type":"rehydrate","id":"m","component":"Counter"}""", "token" },
        { """{"type":"rehydrate","id":"m","component":"Counter","token":42}""", "token" },
        { """{"type":"rehydrate","id":"m","component":"Counter","token":""}""", "token" },
        { """{"type":"rehydrate","id":"m","component":"Counter","token":null}""", "token" },
        { """{"type":"rehydrate","id":"m","token":"a.b"}""", "component" },
        { """{"type":"rehydrate","id":"m","component":"Counter","token":"a.b","props":[]}""", "props" },
        { """{"type":"resume","id":"m","resume":"s","version":0}""", "instance" },
        { """{"type":"resume","id":"m","instance":"c_x","version":0}""", "resume" },
        { """{"type":"resume","id":"m","instance":"c_x","resume":7,"version":0}""", "resume" },
        { """{"type":"resume","id":"m","instance":"c_x","resume":"s"}""", "version" },
        { """{"type":"resume","id":"m","instance":"c_x","resume":"s","version":-1}""", "version" },
        { """{"type":"resume","id":"m","instance":"c_x","resume":"s","version":1.5}""", "version" },
        { """{"type":"resume","id":"m","instance":"c_x","resume":"s","version":"3"}""", "version" },
        { """{"type":"resume","id":"m","instance":"c_x","resume":"s","version":1e300}""", "version" },
    };

    [Theory]
    [MemberData(nameof(MalformedFrames))]
    public async Task Malformed_rehydrate_and_resume_frames_answer_invalid_request_naming_the_member(string frame, string member)
    {
        await using var server = await LiveServer.StartAsync();
        await using var client = await Clients.ConnectAsync(server);

        var answer = await client.SendRawRequestAsync(frame, "m");

        Assert.Equal("invalid_request", answer.GetProperty("code").GetString());
        Assert.Contains($"\"{member}\"", answer.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_clean_close_by_the_client_keeps_the_instance_too_since_a_reload_closes_cleanly()
    {
        await using var server = await LiveServer.StartAsync();
        var first = await Clients.ConnectAsync(server);
        var counter = await first.MountAsync("Counter");
        await first.DisposeAsync();
        await server.Logs.WaitForAsync(e => e.Message.Contains($"{counter.InstanceId} of 'Counter' lost its connection", StringComparison.Ordinal));

        await using var second = await Clients.ConnectAsync(server);
        Assert.Equal("resumed", (await ResumeAsync(second, counter.InstanceId, counter.ResumeSecret!, 0)).GetProperty("type").GetString());
    }

    [Fact]
    public async Task An_unmounted_instance_is_not_kept()
    {
        await using var server = await LiveServer.StartAsync();
        await using var client = await Clients.ConnectAsync(server);
        var counter = await client.MountAsync("Counter");
        await counter.UnmountAsync();

        await AssertResumeFailedAsync(client, counter.InstanceId, counter.ResumeSecret!);
    }

    internal static void UserFromQuery(WebApplication app) => app.Use((context, next) =>
    {
        if (context.Request.Query.TryGetValue("user", out var user))
        {
            context.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, user.ToString())], "test"));
        }

        return next(context);
    });

    internal static async Task DropAndWaitUntilKeptAsync(LiveServer server, LiveConnection client, string instanceId)
    {
        server.DropConnections();
        await client.Completion.WaitAsync(Clients.Wait);
        await server.Logs.WaitForAsync(e => e.Message.Contains($"{instanceId} of ", StringComparison.Ordinal) && e.Message.Contains("lost its connection", StringComparison.Ordinal));
    }

    private static int counter;

    internal static Task<JsonElement> ResumeRawAsync(LiveConnection client, string instance, string secret, long version)
    {
        var id = "rs" + Interlocked.Increment(ref counter);
        return client.SendRawRequestAsync(
            JsonSerializer.Serialize(new Dictionary<string, object> { ["type"] = "resume", ["id"] = id, ["instance"] = instance, ["resume"] = secret, ["version"] = version }), id);
    }

    private static async Task<JsonElement> ResumeAsync(LiveConnection client, string instance, string secret, long version)
    {
        var answer = await ResumeRawAsync(client, instance, secret, version);
        Assert.True(answer.GetProperty("type").GetString() == "resumed", answer.GetRawText());
        return answer;
    }

    /// <summary>Resumes once the background changes have reached the kept instance (its version is known).</summary>
    private static async Task<JsonElement> ResumeUntilVersionAsync(LiveConnection client, string instance, string secret, long clientVersion, long expected)
    {
        // InvokeAsync work queued by the events runs on the instance's queue before the resume does.
        var answer = await ResumeAsync(client, instance, secret, clientVersion);
        Assert.Equal(expected, answer.GetProperty("version").GetInt64());
        return answer;
    }

    private static async Task AssertResumeFailedAsync(LiveConnection client, string instance, string secret)
    {
        var answer = await ResumeRawAsync(client, instance, secret, 0);
        Assert.True(answer.GetProperty("type").GetString() == "error", answer.GetRawText());
        Assert.Equal("resume_failed", answer.GetProperty("code").GetString());
    }
}
