using System.Text.Json;
using Live.Client;
using Live.IntegrationTests.Infrastructure;

namespace Live.IntegrationTests;

public sealed class MetricsTests
{
    private static readonly (string, string) CounterTag = ("live.component", "Counter");

    [Fact]
    public async Task A_connection_and_a_mount_are_counted_up_and_down_again()
    {
        await using var server = await LiveServer.StartAsync();
        using var metrics = new MetricsRecorder(server);
        var client = await Clients.ConnectAsync(server);
        var counter = await client.MountAsync("Counter");

        await metrics.WaitForSumAsync("live.components.mounted", 1, CounterTag);
        Assert.Equal(1, metrics.Sum("live.connections.active"));
        Assert.Equal(1, metrics.Sum("live.components.mounted", CounterTag));

        await counter.UnmountAsync();
        await metrics.WaitUntilAsync(all => all.Any(m => m.Instrument == "live.components.mounted" && m.Value < 0));
        Assert.Equal(0, metrics.Sum("live.components.mounted", CounterTag));

        await client.DisposeAsync();
        await metrics.WaitUntilAsync(all => all.Any(m => m.Instrument == "live.connections.active" && m.Value < 0));
        Assert.Equal(0, metrics.Sum("live.connections.active"));
    }

    [Fact]
    public async Task An_ok_action_is_counted_with_its_component_action_and_outcome_and_timed()
    {
        await using var server = await LiveServer.StartAsync();
        using var metrics = new MetricsRecorder(server);
        await using var client = await Clients.ConnectAsync(server);
        var counter = await client.MountAsync("Counter");

        await counter.InvokeAsync("increment");
        await counter.InvokeAsync("increment");

        (string, string)[] ok = [CounterTag, ("live.action", "increment"), ("live.outcome", "ok")];
        await metrics.WaitUntilAsync(all => MetricsRecorder.Sum(all, "live.actions", ok) == 2 && all.Count(m => m.Instrument == "live.action.duration") == 2);
        var durations = metrics.Snapshot().Where(m => m.Instrument == "live.action.duration").ToList();
        Assert.All(durations, d => Assert.InRange(d.Value, 0, 10));
        Assert.All(durations, d => Assert.Equal("ok", d.Tag("live.outcome")));
        Assert.Equal(2, metrics.Sum("live.patches.sent"));
    }

    [Fact]
    public async Task Invalid_arguments_and_a_throwing_action_are_counted_with_their_outcome()
    {
        await using var server = await LiveServer.StartAsync();
        using var metrics = new MetricsRecorder(server);
        await using var client = await Clients.ConnectAsync(server);
        var counter = await client.MountAsync("Counter");

        await Assert.ThrowsAsync<LiveErrorException>(() => counter.InvokeAsync("add", JsonDocument.Parse("""{"amount":"ten"}""").RootElement));
        await Assert.ThrowsAsync<LiveErrorException>(() => counter.InvokeAsync("add", JsonDocument.Parse("""{"amount":1,"extra":2}""").RootElement));
        await Assert.ThrowsAsync<LiveErrorException>(() => counter.InvokeAsync("fail"));

        await metrics.WaitUntilAsync(all =>
            MetricsRecorder.Sum(all, "live.actions", ("live.action", "add"), ("live.outcome", "invalid_args")) == 2
            && MetricsRecorder.Sum(all, "live.actions", ("live.action", "fail"), ("live.outcome", "failed")) == 1);
        Assert.Equal(0, metrics.Sum("live.actions", ("live.outcome", "ok")));
        Assert.Equal(0, metrics.Sum("live.patches.sent"));
    }

    [Fact]
    public async Task A_rejected_frame_is_counted_with_its_error_code()
    {
        await using var server = await LiveServer.StartAsync();
        using var metrics = new MetricsRecorder(server);
        await using var client = await Clients.ConnectAsync(server);

        var answer = await client.SendRawRequestAsync("""{"type":"explode","id":"r1"}""", "r1");

        Assert.Equal("unknown_type", answer.GetProperty("code").GetString());
        Assert.Equal(1, metrics.Sum("live.frames.rejected", ("live.reason", "unknown_type")));
        Assert.Equal(1, metrics.Sum("live.frames.rejected"));
        Assert.Equal(0, metrics.Sum("live.actions"));
    }

    [Fact]
    public async Task Bytes_sent_and_received_are_the_frames_on_the_wire()
    {
        await using var server = await LiveServer.StartAsync();
        using var metrics = new MetricsRecorder(server);
        await using var client = await Clients.ConnectAsync(server);
        var frame = """{"type":"mount","id":"m1","component":"Counter"}""";

        var answer = await client.SendRawRequestAsync(frame, "m1");
        var answerBytes = System.Text.Encoding.UTF8.GetByteCount(answer.GetRawText());

        Assert.Equal("mounted", answer.GetProperty("type").GetString());
        await metrics.WaitForSumAsync("live.bytes.sent", answerBytes);
        Assert.Equal(System.Text.Encoding.UTF8.GetByteCount(frame), metrics.Sum("live.bytes.received"));
        Assert.Equal(answerBytes, metrics.Sum("live.bytes.sent"));
    }
}
