using System.Text;
using System.Text.RegularExpressions;
using Live.Core.Tests.Protocol;
using Live.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace Live.IntegrationTests;

/// <summary>
/// Sends mutated and random frames through a real connection to the dispatcher. The server must answer each with
/// an error or a result, never log an unhandled failure, and keep the connection and its components working.
/// CI sends a bounded number; LIVE_FUZZ_FRAMES raises it for a longer run by hand.
/// </summary>
public sealed partial class FuzzTests
{
    private static readonly int Frames = int.TryParse(Environment.GetEnvironmentVariable("LIVE_FUZZ_FRAMES"), out var n) ? n : 1_500;

    [Fact]
    public async Task Mutated_frames_never_break_the_connection_or_the_server()
    {
        // The rate limiter is tested on its own; here every frame must reach the parser and the dispatcher.
        await using var server = await LiveServer.StartAsync(
            o =>
            {
                o.Limits.InboundFramesPerSecond = 1_000_000;
                o.Limits.InboundFrameBurst = 1_000_000;
            },
            environment: "Production");
        await using var client = await Clients.ConnectAsync(server);
        await using var bystander = await Clients.ConnectAsync(server);
        var target = await client.MountAsync("Counter");
        var watched = await bystander.MountAsync("Counter");
        var answers = 0;
        client.MessageReceived += m =>
        {
            if (m.GetProperty("type").GetString() is "error" or "result" or "mounted" or "unmounted" or "state" or "pong")
            {
                Interlocked.Increment(ref answers);
            }
        };

        var mutator = new FrameMutator(seed: 20261125) { InstanceId = target.InstanceId };
        for (var i = 0; i < Frames; i++)
        {
            // The client library numbers its own requests "1", "2", …; a mutated frame whose id became such a number
            // would be answered under an id the client is waiting on, so those frames are left out.
            string frame;
            do
            {
                frame = Encoding.UTF8.GetString(mutator.Next());
            }
            while (NumericId().IsMatch(frame));

            await client.SendRawTextAsync(frame);
        }

        // The connection still works, for this client and for everyone else.
        await client.PingAsync();
        var fresh = await client.MountAsync("Lifecycle");
        await fresh.InvokeAsync("run");
        Assert.Equal(1, fresh.State["runs"]!.GetValue<int>());
        Assert.Equal(7, await watched.InvokeAsync<int>("add", new { amount = 7 }));
        Assert.True(answers > Frames / 2, $"only {answers} answers to {Frames} frames");
        var failures = server.Logs.Entries.Where(e => e.Level >= LogLevel.Error).ToList();
        Assert.True(failures.Count == 0, string.Join("\n", failures.Select(f => f.Message)));
    }

    [GeneratedRegex("\"id\"\\s*:\\s*\"[0-9]*\"")]
    private static partial Regex NumericId();
}
