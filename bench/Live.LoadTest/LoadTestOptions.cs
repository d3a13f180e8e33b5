using System.Globalization;
using System.Net;

namespace Live.LoadTest;

/// <summary>The command line: <c>&lt;scenario&gt; [--clients N] [--seconds S] [--json FILE] [--url URL]</c>.</summary>
public sealed record LoadTestOptions(string Scenario, int? Clients, double? Seconds, string? JsonPath, Uri? LiveUrl, bool LiveOnly = false, double Settle = 0, string? GcDumpDirectory = null, bool ServerProcess = false)
{
    public const string Usage = """
        usage: Live.LoadTest <scenario> [--clients N] [--seconds S] [--json FILE] [--url URL] [--live-only] [--server-process]
          scenarios: actions | idle | large-list | broadcast
          --clients  connections (actions 50, idle 2000, large-list 4, broadcast 500)
          --seconds  measured time per side (actions 10, large-list 10, broadcast 10)
          --json     also write the result as JSON to FILE
          --url      run the Live side against this already running loopback server (e.g. one started with
                     'Live.LoadTest serve live'); figures only the in-process server can give are then n/a;
                     idle always starts its own server process
          --live-only  skip the SignalR baseline (e.g. when its in-process sockets would not fit the fd limit)
          --settle   idle: seconds to wait with the N connections open before reading memory (default 0), the
                     same for Live, SignalR and the floor (lets Kestrel's memory pool evict the connect burst's blocks)
          --gcdump   idle: after reading memory, take a dotnet-gcdump of each server process into this directory
          --server-process  broadcast: run each side's server (Live, then SignalR) in a child process of its own
                     ('serve live|signalr'), so 10,000 clients fit the fd limit; the server's allocations, CPU and
                     bytes per delivery are then read from the child ('/bench/stats')
        """;

    public static LoadTestOptions Parse(string[] args)
    {
        if (args.Length == 0 || args[0].StartsWith('-'))
        {
            throw new ArgumentException("Name a scenario.");
        }

        int? clients = null;
        double? seconds = null;
        string? json = null;
        Uri? url = null;
        var liveOnly = false;
        double settle = 0;
        string? gcdump = null;
        var serverProcess = false;
        for (var i = 1; i < args.Length; i++)
        {
            if (args[i] == "--live-only")
            {
                liveOnly = true;
                continue;
            }

            if (args[i] == "--server-process")
            {
                serverProcess = true;
                continue;
            }

            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--clients":
                    clients = int.Parse(value, CultureInfo.InvariantCulture);
                    ArgumentOutOfRangeException.ThrowIfLessThan(clients.Value, 1);
                    break;
                case "--seconds":
                    seconds = double.Parse(value, CultureInfo.InvariantCulture);
                    ArgumentOutOfRangeException.ThrowIfLessThan(seconds.Value, 1);
                    ArgumentOutOfRangeException.ThrowIfGreaterThan(seconds.Value, 600);
                    break;
                case "--settle":
                    settle = double.Parse(value, CultureInfo.InvariantCulture);
                    ArgumentOutOfRangeException.ThrowIfLessThan(settle, 0);
                    ArgumentOutOfRangeException.ThrowIfGreaterThan(settle, 600);
                    break;
                case "--gcdump":
                    gcdump = value;
                    break;
                case "--json":
                    json = value;
                    break;
                case "--url":
                    url = new Uri(value);
                    // Load is only ever sent to this machine.
                    if (!url.IsLoopback && !(IPAddress.TryParse(url.Host, out var ip) && IPAddress.IsLoopback(ip)))
                    {
                        throw new ArgumentException("--url must be a loopback address (localhost, 127.0.0.1 or [::1]).");
                    }

                    break;
                default:
                    throw new ArgumentException($"Unknown option {args[i]}.");
            }

            i++;
        }

        return new LoadTestOptions(args[0], clients, seconds, json, url, liveOnly, settle, gcdump, serverProcess);
    }
}
