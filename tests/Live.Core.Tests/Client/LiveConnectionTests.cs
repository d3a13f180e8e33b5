using System.Net.WebSockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using Live.Client;

namespace Live.Core.Tests.Client;

/// <summary>The client against a scripted loopback server: connecting, mounting, actions, errors, timeouts, closing.</summary>
public sealed class LiveConnectionTests
{
    [Fact]
    public async Task Connect_requests_the_live_v1_subprotocol()
    {
        await using var harness = await ClientHarness.StartAsync();

        Assert.Equal("live.v1", harness.Session.RequestHeaders["Sec-WebSocket-Protocol"]);
        Assert.True(harness.Client.IsConnected);
    }

    [Fact]
    public async Task Connect_applies_ConfigureWebSocket_to_the_upgrade_request()
    {
        await using var server = LoopbackServer.Start();
        var connecting = LiveConnection.ConnectAsync(server.Uri, new LiveConnectionOptions
        {
            ConfigureWebSocket = ws => ws.SetRequestHeader("Authorization", "Bearer token-1"),
        });
        var session = await server.AcceptAsync();
        var client = await connecting.Within();

        Assert.Equal("Bearer token-1", session.RequestHeaders["Authorization"]);
        session.Dispose(); // the scripted server answers no close handshake
        await client.DisposeAsync().Within();
    }

    [Fact]
    public async Task Refused_upgrade_surfaces_the_status_and_the_X_Live_Error_reason()
    {
        await using var server = LoopbackServer.Start(protocol: "live.v9");

        var error = await Assert.ThrowsAsync<LiveConnectException>(() => LiveConnection.ConnectAsync(server.Uri).Within());

        Assert.Equal(400, error.StatusCode);
        Assert.Equal("unsupported protocol 'live.v1'; this server speaks live.v9", error.Reason);
        Assert.Contains("this server speaks live.v9", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mount_sends_component_and_props_and_exposes_the_mounted_state()
    {
        await using var harness = await ClientHarness.StartAsync();

        var mounting = harness.Client.MountAsync("TodoList", new { ListId = "groceries" });
        var mount = await harness.Session.ReceiveAsync("mount");
        await harness.Session.SendMountedAsync(mount, "c_5Jw8", 3, """{"todos":[{"id":"a","text":"milk","done":false}],"filter":"all"}""");
        var todo = await mounting.Within();

        Assert.Equal("1", mount.GetProperty("id").GetString());
        Assert.Equal("TodoList", mount.GetProperty("component").GetString());
        Assert.Equal("groceries", mount.GetProperty("props").GetProperty("listId").GetString());
        Assert.Equal(("c_5Jw8", "TodoList", 3L), (todo.InstanceId, todo.Component, todo.Version));
        Assert.Equal("all", (string?)todo.State["filter"]);
        var typed = todo.GetState<TodoListState>();
        Assert.Equal([new Todo("a", "milk", false)], typed.Todos);
    }

    [Fact]
    public async Task Mount_without_props_omits_the_member_and_accepts_JSON_props()
    {
        await using var harness = await ClientHarness.StartAsync();

        _ = harness.Client.MountAsync("Counter");
        var bare = await harness.Session.ReceiveAsync("mount");
        _ = harness.Client.MountAsync("Counter", new JsonObject { ["start"] = 5 });
        var withNode = await harness.Session.ReceiveAsync("mount");

        Assert.False(bare.TryGetProperty("props", out _));
        Assert.Equal(5, withNode.GetProperty("props").GetProperty("start").GetInt32());
    }

    [Fact]
    public async Task Mount_rejects_props_that_are_not_an_object()
    {
        await using var harness = await ClientHarness.StartAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => harness.Client.MountAsync("Counter", new[] { 1, 2 }));
    }

    [Fact]
    public async Task State_returns_a_copy_the_caller_cannot_corrupt()
    {
        await using var harness = await ClientHarness.StartAsync();
        var counter = await harness.MountAsync(state: """{"count":1}""");

        counter.State["count"] = 99;

        Assert.Equal(1, (int)counter.State["count"]!);
    }

    [Fact]
    public async Task Patches_apply_in_order_and_raise_StateChanged()
    {
        await using var harness = await ClientHarness.StartAsync();
        var todo = await harness.MountAsync(state: """{"todos":[]}""");
        var versionsSeen = new List<long>();
        todo.StateChanged += h => versionsSeen.Add(h.Version);

        await harness.Session.SendPatchAsync("c_1", 1, """[{"op":"add","path":"/todos/-","value":"milk"}]""");
        await harness.Session.SendPatchAsync("c_1", 2, """[{"op":"add","path":"/todos/-","value":"eggs"},{"op":"replace","path":"/todos/0","value":"oat milk"}]""");
        await todo.WaitForStateAsync(s => s["todos"]!.AsArray().Count == 2, TimeSpan.FromSeconds(5)).Within();

        Assert.Equal("""{"todos":["oat milk","eggs"]}""", todo.State.ToJsonString());
        Assert.Equal(2, todo.Version);
        Assert.Equal([1L, 2L], versionsSeen);
    }

    [Fact]
    public async Task WaitForStateAsync_completes_at_once_when_the_state_already_matches()
    {
        await using var harness = await ClientHarness.StartAsync();
        var counter = await harness.MountAsync(state: """{"count":7}""");

        var waiting = counter.WaitForStateAsync(s => (int)s["count"]! == 7, TimeSpan.FromSeconds(1));

        Assert.True(waiting.IsCompletedSuccessfully);
        await waiting;
    }

    [Fact]
    public async Task WaitForStateAsync_times_out_on_the_connection_clock()
    {
        await using var harness = await ClientHarness.StartAsync();
        var counter = await harness.MountAsync();

        var waiting = counter.WaitForStateAsync(s => (int)s["count"]! == 1, TimeSpan.FromSeconds(3));
        harness.Time.Advance(TimeSpan.FromSeconds(3));

        var error = await Assert.ThrowsAsync<TimeoutException>(() => waiting.Within());
        Assert.Contains("c_1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Version_gap_sends_resync_then_replaces_the_state_and_applies_only_later_patches()
    {
        await using var harness = await ClientHarness.StartAsync();
        var counter = await harness.MountAsync(state: """{"count":0}""");

        // Version 1 is lost: version 2 is a gap.
        await harness.Session.SendPatchAsync("c_1", 2, """[{"op":"add","path":"/fromGapPatch","value":true}]""");
        var resync = await harness.Session.ReceiveAsync("resync");
        // Sent before the server saw the resync: 3 must wait for the state answer, then apply on top of it.
        await harness.Session.SendPatchAsync("c_1", 3, """[{"op":"replace","path":"/count","value":30}]""");
        await harness.Session.SendAsync($$$"""{"type":"state","id":"{{{resync.GetProperty("id").GetString()}}}","instance":"c_1","version":2,"state":{"count":20,"note":"resynced"}}""");
        await counter.WaitForStateAsync(s => counter.Version == 3, TimeSpan.FromSeconds(5)).Within();

        Assert.Equal("c_1", resync.GetProperty("instance").GetString());
        Assert.Equal("""{"count":30,"note":"resynced"}""", counter.State.ToJsonString());
    }

    [Fact]
    public async Task Patches_at_or_below_the_resync_version_are_dropped()
    {
        await using var harness = await ClientHarness.StartAsync();
        var counter = await harness.MountAsync(state: """{"count":0}""");

        await harness.Session.SendPatchAsync("c_1", 2, """[{"op":"replace","path":"/count","value":2}]""");
        var resync = await harness.Session.ReceiveAsync("resync");
        await harness.Session.SendPatchAsync("c_1", 3, """[{"op":"replace","path":"/count","value":3}]""");
        await harness.Session.SendAsync($$$"""{"type":"state","id":"{{{resync.GetProperty("id").GetString()}}}","instance":"c_1","version":3,"state":{"count":3,"fromState":true}}""");
        await harness.Session.SendPatchAsync("c_1", 4, """[{"op":"replace","path":"/count","value":4}]""");
        await counter.WaitForStateAsync(s => (int)s["count"]! == 4, TimeSpan.FromSeconds(5)).Within();

        Assert.Equal("""{"count":4,"fromState":true}""", counter.State.ToJsonString());
        Assert.Equal(4, counter.Version);
    }

    [Fact]
    public async Task A_patch_that_cannot_be_applied_is_undone_and_resynced()
    {
        await using var harness = await ClientHarness.StartAsync();
        var counter = await harness.MountAsync(state: """{"count":0}""");

        await harness.Session.SendPatchAsync("c_1", 1, """[{"op":"replace","path":"/count","value":1},{"op":"remove","path":"/missing"}]""");
        var resync = await harness.Session.ReceiveAsync("resync");

        Assert.Equal("""{"count":0}""", counter.State.ToJsonString());
        Assert.Equal(0, counter.Version);
        await harness.Session.SendAsync($$$"""{"type":"state","id":"{{{resync.GetProperty("id").GetString()}}}","instance":"c_1","version":1,"state":{"count":1}}""");
        await counter.WaitForStateAsync(s => (int)s["count"]! == 1, TimeSpan.FromSeconds(5)).Within();
        Assert.Equal(1, counter.Version);
    }

    [Fact]
    public async Task Action_returns_the_result_value_and_its_typed_form()
    {
        await using var harness = await ClientHarness.StartAsync();
        var todo = await harness.MountAsync();

        var invoking = todo.InvokeAsync("add", new { Text = "milk" });
        var action = await harness.Session.ReceiveAsync("action");
        await harness.Session.SendAsync($$$"""{"type":"result","id":"{{{action.GetProperty("id").GetString()}}}","value":{"id":"t1","text":"milk","done":false}}""");
        var value = await invoking.Within();
        var typedInvoking = todo.InvokeAsync<int>("count");
        var count = await harness.Session.ReceiveAsync("action");
        await harness.Session.SendAsync($$"""{"type":"result","id":"{{count.GetProperty("id").GetString()}}","value":42}""");

        Assert.Equal("c_1", action.GetProperty("instance").GetString());
        Assert.Equal("add", action.GetProperty("action").GetString());
        Assert.Equal("milk", action.GetProperty("args").GetProperty("text").GetString());
        Assert.Equal("milk", value!.Value.GetProperty("text").GetString());
        Assert.False(count.TryGetProperty("args", out _));
        Assert.Equal(42, await typedInvoking.Within());
    }

    [Fact]
    public async Task Action_without_a_value_returns_null_and_JSON_null_is_a_value()
    {
        await using var harness = await ClientHarness.StartAsync();
        var todo = await harness.MountAsync();

        var nothing = todo.InvokeAsync("clear");
        var first = await harness.Session.ReceiveAsync("action");
        await harness.Session.SendAsync($$"""{"type":"result","id":"{{first.GetProperty("id").GetString()}}"}""");
        var explicitNull = todo.InvokeAsync("find");
        var second = await harness.Session.ReceiveAsync("action");
        await harness.Session.SendAsync($$"""{"type":"result","id":"{{second.GetProperty("id").GetString()}}","value":null}""");

        Assert.Null(await nothing.Within());
        Assert.Equal(JsonValueKind.Null, (await explicitNull.Within())!.Value.ValueKind);
    }

    [Fact]
    public async Task A_result_carrying_ops_is_applied_at_the_next_version_before_the_action_completes()
    {
        await using var harness = await ClientHarness.StartAsync();
        var counter = await harness.MountAsync(state: """{"count":0}""");
        var changes = 0;
        counter.StateChanged += _ => changes++;

        var invoking = counter.InvokeAsync("add");
        var action = await harness.Session.ReceiveAsync("action");
        await harness.Session.SendAsync($$"""{"type":"result","id":"{{action.GetProperty("id").GetString()}}","ops":[{"op":"replace","path":"/count","value":7}],"value":7}""");
        var value = await invoking.Within();

        Assert.Equal(7, value!.Value.GetInt32());
        Assert.Equal(7, (int)counter.State["count"]!);
        Assert.Equal(1, counter.Version);
        Assert.Equal(1, changes);
    }

    [Theory]
    [InlineData("3")]
    [InlineData("\"1\"")]
    [InlineData("null")]
    public async Task A_version_member_in_a_result_is_ignored_because_the_version_is_implied(string version)
    {
        await using var harness = await ClientHarness.StartAsync();
        var counter = await harness.MountAsync(state: """{"count":0}""");

        var invoking = counter.InvokeAsync("increment");
        var action = await harness.Session.ReceiveAsync("action");
        await harness.Session.SendAsync($$"""{"type":"result","id":"{{action.GetProperty("id").GetString()}}","version":{{version}},"ops":[{"op":"replace","path":"/count","value":1}]}""");
        await invoking.Within();

        Assert.Equal(1, (int)counter.State["count"]!);
        Assert.Equal(1, counter.Version);
    }

    [Fact]
    public async Task A_result_whose_ops_are_not_an_array_is_not_applied_and_starts_a_resync()
    {
        await using var harness = await ClientHarness.StartAsync();
        var counter = await harness.MountAsync(state: """{"count":0}""");

        var invoking = counter.InvokeAsync("increment");
        var action = await harness.Session.ReceiveAsync("action");
        await harness.Session.SendAsync($$$"""{"type":"result","id":"{{{action.GetProperty("id").GetString()}}}","ops":{"op":"replace","path":"/count","value":99}}""");
        await invoking.Within();
        var resync = await harness.Session.ReceiveAsync("resync");
        Assert.Equal(0, (int)counter.State["count"]!);
        await harness.Session.SendAsync($$$"""{"type":"state","id":"{{{resync.GetProperty("id").GetString()}}}","instance":"c_1","version":1,"state":{"count":1}}""");
        await counter.WaitForStateAsync(s => (int)s["count"]! == 1, TimeSpan.FromSeconds(10));

        Assert.Equal(1, counter.Version);
    }

    [Fact]
    public async Task A_result_whose_ops_arrive_while_a_resync_is_pending_is_dropped_because_the_state_answer_includes_it()
    {
        await using var harness = await ClientHarness.StartAsync();
        var counter = await harness.MountAsync(state: """{"count":0}""");

        var invoking = counter.InvokeAsync("increment");
        var action = await harness.Session.ReceiveAsync("action");
        await harness.Session.SendPatchAsync("c_1", 3, """[{"op":"replace","path":"/count","value":50}]""");
        var resync = await harness.Session.ReceiveAsync("resync");
        await harness.Session.SendAsync($$"""{"type":"result","id":"{{action.GetProperty("id").GetString()}}","ops":[{"op":"replace","path":"/count","value":99}]}""");
        await invoking.Within();
        Assert.Equal(0, (int)counter.State["count"]!);
        await harness.Session.SendAsync($$$"""{"type":"state","id":"{{{resync.GetProperty("id").GetString()}}}","instance":"c_1","version":4,"state":{"count":51}}""");
        await counter.WaitForStateAsync(s => (int)s["count"]! == 51, TimeSpan.FromSeconds(10));

        Assert.Equal(4, counter.Version);
    }

    [Fact]
    public async Task When_an_action_completes_its_patch_is_already_in_the_state()
    {
        await using var harness = await ClientHarness.StartAsync();
        var counter = await harness.MountAsync(state: """{"count":0}""");

        var invoking = counter.InvokeAsync("increment");
        var action = await harness.Session.ReceiveAsync("action");
        await harness.Session.SendPatchAsync("c_1", 1, """[{"op":"replace","path":"/count","value":1}]""");
        await harness.Session.SendAsync($$"""{"type":"result","id":"{{action.GetProperty("id").GetString()}}"}""");
        await invoking.Within();

        Assert.Equal(1, (int)counter.State["count"]!);
    }

    [Fact]
    public async Task Error_answer_throws_LiveErrorException_with_code_request_id_and_argument()
    {
        await using var harness = await ClientHarness.StartAsync();
        var todo = await harness.MountAsync();

        var invoking = todo.InvokeAsync("add", new { Text = (string?)null });
        var action = await harness.Session.ReceiveAsync("action");
        var id = action.GetProperty("id").GetString();
        await harness.Session.SendAsync($$"""{"type":"error","id":"{{id}}","code":"invalid_args","message":"Argument 'text' must not be null.","argument":"text"}""");

        var error = await Assert.ThrowsAsync<LiveErrorException>(() => invoking.Within());
        Assert.Equal("invalid_args", error.Code);
        Assert.Equal(id, error.RequestId);
        Assert.Equal("text", error.Argument);
        Assert.Contains("Argument 'text' must not be null.", error.Message, StringComparison.Ordinal);
        Assert.True(harness.Client.IsConnected);
    }

    [Fact]
    public async Task Mount_error_throws_LiveErrorException_without_argument()
    {
        await using var harness = await ClientHarness.StartAsync();

        var mounting = harness.Client.MountAsync("Nope");
        var mount = await harness.Session.ReceiveAsync("mount");
        await harness.Session.SendAsync($$"""{"type":"error","id":"{{mount.GetProperty("id").GetString()}}","code":"unknown_component","message":"No component 'Nope'."}""");

        var error = await Assert.ThrowsAsync<LiveErrorException>(() => mounting.Within());
        Assert.Equal("unknown_component", error.Code);
        Assert.Null(error.Argument);
    }

    [Fact]
    public async Task Unanswered_request_times_out_naming_the_request()
    {
        await using var harness = await ClientHarness.StartAsync(o => o.RequestTimeout = TimeSpan.FromSeconds(2));
        var todo = await harness.MountAsync();

        var invoking = todo.InvokeAsync("add");
        var action = await harness.Session.ReceiveAsync("action"); // sent, so its timer is running
        harness.Time.Advance(TimeSpan.FromSeconds(2));

        var error = await Assert.ThrowsAsync<TimeoutException>(() => invoking.Within());
        Assert.Contains($"action 'add' on 'c_1' (request {action.GetProperty("id").GetString()})", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Heartbeat_ping_is_sent_after_an_idle_interval()
    {
        await using var harness = await ClientHarness.StartAsync(o => o.HeartbeatInterval = TimeSpan.FromSeconds(10));

        harness.Time.Advance(TimeSpan.FromSeconds(10));
        var ping = await harness.Session.ReceiveAsync("ping");

        Assert.False(ping.TryGetProperty("id", out _));
    }

    [Fact]
    public async Task Heartbeat_waits_a_full_interval_after_the_last_send()
    {
        await using var harness = await ClientHarness.StartAsync(o => o.HeartbeatInterval = TimeSpan.FromSeconds(10));

        harness.Time.Advance(TimeSpan.FromSeconds(6));
        var pinging = harness.Client.PingAsync();
        var ping = await harness.Session.ReceiveAsync("ping");
        await harness.Session.SendAsync($$"""{"type":"pong","id":"{{ping.GetProperty("id").GetString()}}"}""");
        await pinging.Within();
        harness.Time.Advance(TimeSpan.FromSeconds(6)); // 12 s since connecting, 6 s since the last send
        _ = harness.Client.MountAsync("Counter");
        var next = await harness.Session.ReceiveAsync();
        harness.Time.Advance(TimeSpan.FromSeconds(10));
        var heartbeat = await harness.Session.ReceiveAsync("ping");

        Assert.Equal("mount", next.GetProperty("type").GetString());
        Assert.False(heartbeat.TryGetProperty("id", out _));
    }

    [Theory]
    [InlineData(4001, "too slow: the send queue is full")]
    [InlineData(1001, "server shutting down")]
    public async Task Server_close_fails_pending_requests_and_completes_with_its_code_and_reason(int code, string reason)
    {
        await using var harness = await ClientHarness.StartAsync();
        var todo = await harness.MountAsync();
        LiveCloseInfo? raised = null;
        harness.Client.Closed += info => raised = info;

        var invoking = todo.InvokeAsync("add");
        await harness.Session.ReceiveAsync("action");
        await harness.Session.CloseAsync((WebSocketCloseStatus)code, reason);

        var error = await Assert.ThrowsAsync<LiveConnectionClosedException>(() => invoking.Within());
        Assert.Equal((WebSocketCloseStatus)code, error.CloseStatus);
        Assert.Equal(reason, error.CloseDescription);
        var completion = await harness.Client.Completion.Within();
        Assert.Equal((WebSocketCloseStatus)code, completion.Status);
        Assert.Equal(reason, completion.Description);
        Assert.Same(completion, raised);
        Assert.False(harness.Client.IsConnected);
        Assert.False(todo.IsMounted);
        var late = await Assert.ThrowsAsync<LiveConnectionClosedException>(() => harness.Client.MountAsync("Counter"));
        Assert.Equal((WebSocketCloseStatus)code, late.CloseStatus);
    }

    [Fact]
    public async Task Server_close_acknowledges_the_handshake()
    {
        await using var harness = await ClientHarness.StartAsync();

        await harness.Session.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye");
        var (type, _) = await harness.Session.ReceiveFrameAsync();

        Assert.Equal(WebSocketMessageType.Close, type);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, harness.Session.Socket.CloseStatus);
    }

    [Fact]
    public async Task Connection_lost_without_close_fails_pending_requests()
    {
        await using var harness = await ClientHarness.StartAsync();
        var todo = await harness.MountAsync();

        var invoking = todo.InvokeAsync("add");
        await harness.Session.ReceiveAsync("action");
        harness.Session.Dispose();

        var error = await Assert.ThrowsAsync<LiveConnectionClosedException>(() => invoking.Within());
        Assert.Null(error.CloseStatus);
        Assert.NotNull((await harness.Client.Completion.Within()).Error);
    }

    [Fact]
    public async Task CloseAsync_sends_a_close_frame_and_completes_with_the_servers_answer()
    {
        await using var harness = await ClientHarness.StartAsync();

        var closing = harness.Client.CloseAsync(WebSocketCloseStatus.NormalClosure, "done");
        var (type, _) = await harness.Session.ReceiveFrameAsync();
        await harness.Session.CloseAsync(WebSocketCloseStatus.NormalClosure, "done");
        var info = await closing.Within();

        Assert.Equal(WebSocketMessageType.Close, type);
        Assert.Equal("done", harness.Session.Socket.CloseStatusDescription);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, info.Status);
    }

    [Fact]
    public async Task Unmount_sends_unmount_and_detaches_the_handle()
    {
        await using var harness = await ClientHarness.StartAsync();
        var todo = await harness.MountAsync();

        var unmounting = todo.UnmountAsync();
        var unmount = await harness.Session.ReceiveAsync("unmount");
        await harness.Session.SendAsync($$"""{"type":"unmounted","id":"{{unmount.GetProperty("id").GetString()}}","instance":"c_1"}""");
        await unmounting.Within();

        Assert.Equal("c_1", unmount.GetProperty("instance").GetString());
        Assert.False(todo.IsMounted);
        await Assert.ThrowsAsync<InvalidOperationException>(() => todo.InvokeAsync("add"));
    }

    [Fact]
    public async Task Request_ids_count_up_from_one()
    {
        await using var harness = await ClientHarness.StartAsync();

        _ = harness.Client.MountAsync("A");
        _ = harness.Client.MountAsync("B");
        _ = harness.Client.PingAsync();

        Assert.Equal("1", (await harness.Session.ReceiveAsync()).GetProperty("id").GetString());
        Assert.Equal("2", (await harness.Session.ReceiveAsync()).GetProperty("id").GetString());
        Assert.Equal("3", (await harness.Session.ReceiveAsync()).GetProperty("id").GetString());
    }

    [Fact]
    public async Task A_patch_right_behind_mounted_is_not_lost()
    {
        await using var harness = await ClientHarness.StartAsync();

        var mounting = harness.Client.MountAsync("Counter");
        var mount = await harness.Session.ReceiveAsync("mount");
        await harness.Session.SendMountedAsync(mount, "c_1", 0, """{"count":0}""");
        await harness.Session.SendPatchAsync("c_1", 1, """[{"op":"replace","path":"/count","value":1}]""");
        var counter = await mounting.Within();
        await counter.WaitForStateAsync(s => (int)s["count"]! == 1, TimeSpan.FromSeconds(5)).Within();

        Assert.Equal(1, counter.Version);
    }

    [Fact]
    public async Task A_failed_resync_is_retried_on_the_next_patch()
    {
        await using var harness = await ClientHarness.StartAsync();
        var counter = await harness.MountAsync(state: """{"count":0}""");

        await harness.Session.SendPatchAsync("c_1", 5, "[]");
        var first = await harness.Session.ReceiveAsync("resync");
        await harness.Session.SendAsync($$"""{"type":"error","id":"{{first.GetProperty("id").GetString()}}","code":"internal_error","message":"try again"}""");
        await harness.Session.SendPatchAsync("c_1", 6, "[]");
        var second = await harness.Session.ReceiveAsync("resync");
        await harness.Session.SendAsync($$$"""{"type":"state","id":"{{{second.GetProperty("id").GetString()}}}","instance":"c_1","version":6,"state":{"count":6}}""");
        await counter.WaitForStateAsync(s => (int)s["count"]! == 6, TimeSpan.FromSeconds(5)).Within();

        Assert.NotEqual(first.GetProperty("id").GetString(), second.GetProperty("id").GetString());
        Assert.Equal(6, counter.Version);
    }

    [Fact]
    public async Task Canceling_a_request_stops_waiting_and_a_late_answer_is_ignored()
    {
        await using var harness = await ClientHarness.StartAsync();
        var counter = await harness.MountAsync();
        using var cts = new CancellationTokenSource();

        var invoking = counter.InvokeAsync("slow", ct: cts.Token);
        var action = await harness.Session.ReceiveAsync("action");
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => invoking.Within());
        await harness.Session.SendAsync($$"""{"type":"result","id":"{{action.GetProperty("id").GetString()}}","value":1}""");
        var pinging = harness.Client.PingAsync();
        var ping = await harness.Session.ReceiveAsync("ping");
        await harness.Session.SendAsync($$"""{"type":"pong","id":"{{ping.GetProperty("id").GetString()}}"}""");

        await pinging.Within();
        Assert.True(harness.Client.IsConnected);
    }

    [Fact]
    public async Task A_mount_answered_after_its_timeout_is_unmounted_again()
    {
        await using var harness = await ClientHarness.StartAsync();

        var mounting = harness.Client.MountAsync("Counter");
        var mount = await harness.Session.ReceiveAsync("mount");
        harness.Time.Advance(TimeSpan.FromSeconds(5));
        await Assert.ThrowsAsync<TimeoutException>(() => mounting.Within());
        await harness.Session.SendMountedAsync(mount, "c_orphan", 0, "{}");
        var unmount = await harness.Session.ReceiveAsync("unmount");

        Assert.Equal("c_orphan", unmount.GetProperty("instance").GetString());
    }

    [Fact]
    public async Task StateChanged_handler_exceptions_do_not_stop_the_connection()
    {
        await using var harness = await ClientHarness.StartAsync();
        var counter = await harness.MountAsync(state: """{"count":0}""");
        counter.StateChanged += _ => throw new InvalidOperationException("handler bug");

        await harness.Session.SendPatchAsync("c_1", 1, """[{"op":"replace","path":"/count","value":1}]""");
        await harness.Session.SendPatchAsync("c_1", 2, """[{"op":"replace","path":"/count","value":2}]""");
        await counter.WaitForStateAsync(s => (int)s["count"]! == 2, TimeSpan.FromSeconds(5)).Within();

        Assert.True(harness.Client.IsConnected);
    }

    [Fact]
    public async Task Unreachable_endpoint_throws_LiveConnectException_without_a_status()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop(); // nothing listens there now

        var error = await Assert.ThrowsAsync<LiveConnectException>(() => LiveConnection.ConnectAsync(new Uri($"ws://127.0.0.1:{port}/live")).Within());

        Assert.Null(error.StatusCode);
        Assert.NotNull(error.InnerException);
    }

    [Fact]
    public async Task Concurrent_requests_are_sent_as_whole_frames_and_each_gets_its_own_answer()
    {
        await using var harness = await ClientHarness.StartAsync();
        var counter = await harness.MountAsync();

        var invocations = Enumerable.Range(0, 50)
            .Select(i => Task.Run(() => counter.InvokeAsync<int>("echo", new { Value = i })))
            .ToArray();
        for (var n = 0; n < invocations.Length; n++)
        {
            var action = await harness.Session.ReceiveAsync("action");
            var value = action.GetProperty("args").GetProperty("value").GetInt32();
            await harness.Session.SendAsync($$"""{"type":"result","id":"{{action.GetProperty("id").GetString()}}","value":{{value}}}""");
        }

        Assert.Equal(Enumerable.Range(0, 50), await Task.WhenAll(invocations).Within());
    }

    private sealed record Todo(string Id, string Text, bool Done);

    private sealed record TodoListState(IReadOnlyList<Todo> Todos, string Filter);
}
