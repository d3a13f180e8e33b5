using System.Text.Json;
using Live.Client;
using Live.IntegrationTests.Components;
using Live.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Live.IntegrationTests;

public sealed class ErrorTests
{
    [Fact]
    public async Task Unknown_component_answers_unknown_component_with_the_request_id()
    {
        await using var server = await LiveServer.StartAsync();
        await using var client = await Clients.ConnectAsync(server);

        var error = await Assert.ThrowsAsync<LiveErrorException>(() => client.MountAsync("Nope"));

        Assert.Equal("unknown_component", error.Code);
        Assert.False(string.IsNullOrEmpty(error.RequestId));
        Assert.Contains("Nope", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("doesNotExist")]
    [InlineData("ToString")]
    [InlineData("Dispose")]
    [InlineData("onMountAsync")]
    [InlineData("OnMountAsync")]
    [InlineData("Increment")]
    [InlineData("getHashCode")]
    [InlineData("createInitialState")]
    public async Task Only_public_actions_by_their_wire_name_are_callable(string action)
    {
        await using var server = await LiveServer.StartAsync();
        await using var client = await Clients.ConnectAsync(server);
        var counter = await client.MountAsync("Counter");

        var error = await Assert.ThrowsAsync<LiveErrorException>(() => counter.InvokeAsync(action));

        Assert.Equal("unknown_action", error.Code);
        Assert.Equal(0, counter.State["count"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("""{"amount":"ten"}""", "amount")]
    [InlineData("""{"amount":1.5}""", "amount")]
    [InlineData("""{"amount":99999999999}""", "amount")]
    [InlineData("""{"amount":null}""", "amount")]
    [InlineData("""{}""", "amount")]
    [InlineData("""{"amount":1,"extra":2}""", "extra")]
    public async Task Invalid_arguments_answer_invalid_args_naming_the_argument_and_change_nothing(string args, string argument)
    {
        await using var server = await LiveServer.StartAsync();
        await using var client = await Clients.ConnectAsync(server);
        var counter = await client.MountAsync("Counter");

        var error = await Assert.ThrowsAsync<LiveErrorException>(() => counter.InvokeAsync("add", JsonDocument.Parse(args).RootElement));

        Assert.Equal("invalid_args", error.Code);
        Assert.Equal(argument, error.Argument);
        Assert.Contains(argument, error.Message, StringComparison.Ordinal);
        Assert.Equal(0, counter.Version);
    }

    [Fact]
    public async Task A_record_argument_of_the_wrong_shape_names_the_argument()
    {
        await using var server = await LiveServer.StartAsync();
        await using var client = await Clients.ConnectAsync(server);
        var counter = await client.MountAsync("Counter");

        var error = await Assert.ThrowsAsync<LiveErrorException>(() => counter.InvokeAsync("echo", JsonDocument.Parse("""{"items":[{"name":"a","quantity":"lots","tags":[]}]}""").RootElement));

        Assert.Equal("invalid_args", error.Code);
        Assert.Equal("items", error.Argument);
    }

    [Fact]
    public async Task An_action_that_throws_answers_action_failed_rolls_back_and_hides_details_outside_development()
    {
        await using var server = await LiveServer.StartAsync(environment: "Production");
        await using var client = await Clients.ConnectAsync(server);
        var counter = await client.MountAsync("Counter");

        var error = await Assert.ThrowsAsync<LiveErrorException>(() => counter.InvokeAsync("fail"));

        Assert.Equal("action_failed", error.Code);
        Assert.DoesNotContain("secret-internal-detail", error.Message, StringComparison.Ordinal);
        await counter.InvokeAsync("increment");
        Assert.Equal(1, counter.State["count"]!.GetValue<int>());
        Assert.Equal(1, counter.Version);
    }

    [Fact]
    public async Task In_development_action_failures_carry_the_exception_message()
    {
        await using var server = await LiveServer.StartAsync(environment: "Development");
        await using var client = await Clients.ConnectAsync(server);
        var counter = await client.MountAsync("Counter");

        var error = await Assert.ThrowsAsync<LiveErrorException>(() => counter.InvokeAsync("fail"));

        Assert.Equal("action_failed", error.Code);
        Assert.Contains("secret-internal-detail", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_action_filter_can_refuse_an_action_with_a_reason()
    {
        await using var server = await LiveServer.StartAsync();
        await using var client = await Clients.ConnectAsync(server);
        var lifecycle = await client.MountAsync("Lifecycle");
        await lifecycle.InvokeAsync("lock");

        var error = await Assert.ThrowsAsync<LiveErrorException>(() => lifecycle.InvokeAsync("run"));

        Assert.Equal("action_canceled", error.Code);
        Assert.Contains("The component is locked.", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, lifecycle.State["runs"]!.GetValue<int>());
    }

    [Fact]
    public async Task Another_connections_instance_id_is_not_found_and_untouched()
    {
        await using var server = await LiveServer.StartAsync();
        await using var alice = await Clients.ConnectAsync(server);
        await using var mallory = await Clients.ConnectAsync(server);
        var aliceCounter = await alice.MountAsync("Counter");

        var answer = await mallory.SendRawRequestAsync(
            $$$"""{"type":"action","id":"m1","instance":"{{{aliceCounter.InstanceId}}}","action":"increment"}""", "m1");

        Assert.Equal("error", answer.GetProperty("type").GetString());
        Assert.Equal("instance_not_found", answer.GetProperty("code").GetString());
        await aliceCounter.InvokeAsync("noOp");
        Assert.Equal(0, aliceCounter.State["count"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("""{"type":"action","id":"g1","instance":"c_AAAAAAAAAAAAAAAAAAAAAA","action":"increment"}""")]
    [InlineData("""{"type":"unmount","id":"g1","instance":"c_guess"}""")]
    [InlineData("""{"type":"resync","id":"g1","instance":"c_guess"}""")]
    public async Task Guessed_instance_ids_are_not_found(string frame)
    {
        await using var server = await LiveServer.StartAsync();
        await using var client = await Clients.ConnectAsync(server);

        var answer = await client.SendRawRequestAsync(frame, "g1");

        Assert.Equal("instance_not_found", answer.GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_malformed_frame_gets_bad_frame_and_the_connection_stays_usable()
    {
        await using var server = await LiveServer.StartAsync();
        await using var client = await Clients.ConnectAsync(server);
        var errors = new List<JsonElement>();
        var gotError = new TaskCompletionSource();
        client.MessageReceived += m =>
        {
            if (m.GetProperty("type").GetString() == "error")
            {
                errors.Add(m.Clone());
                gotError.TrySetResult();
            }
        };

        await client.SendRawTextAsync("{\"type\":\"mount\",\"id\":");
        await gotError.Task.WaitAsync(Clients.Wait);

        Assert.Equal("bad_frame", errors[0].GetProperty("code").GetString());
        var counter = await client.MountAsync("Counter");
        Assert.Equal(0, counter.Version);
    }

    [Fact]
    public async Task Binary_and_oversized_frames_are_refused_and_the_connection_stays_usable()
    {
        await using var server = await LiveServer.StartAsync(o => o.Limits.MaxFrameBytes = 1024);
        await using var client = await Clients.ConnectAsync(server);
        var codes = new List<string>();
        var twoErrors = new TaskCompletionSource();
        client.MessageReceived += m =>
        {
            if (m.GetProperty("type").GetString() == "error")
            {
                lock (codes)
                {
                    codes.Add(m.GetProperty("code").GetString()!);
                    if (codes.Count == 2)
                    {
                        twoErrors.TrySetResult();
                    }
                }
            }
        };

        await client.SendRawBinaryAsync([1, 2, 3]);
        await client.SendRawTextAsync($$$"""{"type":"mount","id":"big","component":"Counter","props":{"pad":"{{{new string('x', 5000)}}}"}}""");
        await twoErrors.Task.WaitAsync(Clients.Wait);

        Assert.Equal(["binary_not_supported", "frame_too_large"], codes);
        var counter = await client.MountAsync("Counter");
        await counter.InvokeAsync("increment");
        Assert.Equal(1, counter.State["count"]!.GetValue<int>());
    }

    [Fact]
    public async Task Reusing_a_request_id_still_in_progress_is_refused_with_that_id()
    {
        await using var server = await LiveServer.StartAsync();
        await using var client = await Clients.ConnectAsync(server);
        var keeper = server.Services.GetRequiredService<GateKeeper>();
        var gate = await client.MountAsync("Gate");
        var frame = $$$"""{"type":"action","id":"same","instance":"{{{gate.InstanceId}}}","action":"passAsync"}""";
        var first = client.SendRawRequestAsync(frame, "same");
        await keeper.HasEntered.WaitAsync(Clients.Wait);

        var duplicate = new TaskCompletionSource<JsonElement>();
        var completed = new TaskCompletionSource<JsonElement>();
        client.MessageReceived += m =>
        {
            switch (m.GetProperty("type").GetString())
            {
                case "error":
                    duplicate.TrySetResult(m.Clone());
                    break;
                case "result":
                    completed.TrySetResult(m.Clone());
                    break;
            }
        };
        await client.SendRawTextAsync(frame);
        var second = await duplicate.Task.WaitAsync(Clients.Wait);
        keeper.Open();

        // Both answers carry the id "same"; the refusal comes first, and the first request still completes.
        Assert.Equal("duplicate_request", second.GetProperty("code").GetString());
        Assert.Equal("same", second.GetProperty("id").GetString());
        // A raw request bypasses the handle, so the change the result carries is read from the frame itself.
        var answer = await completed.Task.WaitAsync(Clients.Wait);
        Assert.Equal("same", answer.GetProperty("id").GetString());
        Assert.Equal("result", answer.GetProperty("type").GetString());
        Assert.False(answer.TryGetProperty("version", out _)); // implied: one more than the version held
        Assert.Contains("passed", answer.GetProperty("ops").GetRawText(), StringComparison.Ordinal);
        _ = first;
    }

    [Fact]
    public async Task Mounting_more_components_than_the_limit_answers_too_many_components()
    {
        await using var server = await LiveServer.StartAsync(o => o.Limits.MaxComponentsPerConnection = 2);
        await using var client = await Clients.ConnectAsync(server);
        await client.MountAsync("Counter");
        var second = await client.MountAsync("Counter");

        var error = await Assert.ThrowsAsync<LiveErrorException>(() => client.MountAsync("Counter"));

        Assert.Equal("too_many_components", error.Code);
        await second.UnmountAsync();
        Assert.Equal(0, (await client.MountAsync("Counter")).Version);
    }

    [Theory]
    [InlineData("""{"type":"launch","id":"u1"}""", "unknown_type")]
    [InlineData("""{"type":"mount","id":"u1"}""", "invalid_request")]
    [InlineData("""{"type":"mount","id":"u1","component":"Counter","component":"Counter"}""", "bad_frame")]
    public async Task Protocol_errors_answer_the_request_id(string frame, string code)
    {
        await using var server = await LiveServer.StartAsync();
        await using var client = await Clients.ConnectAsync(server);

        var answer = await client.SendRawRequestAsync(frame, "u1");

        Assert.Equal(code, answer.GetProperty("code").GetString());
    }
}
