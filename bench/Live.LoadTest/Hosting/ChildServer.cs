using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Live.LoadTest.Measurement;

namespace Live.LoadTest.Hosting;

/// <summary>
/// A bench server in a child process (this program run as <c>serve live|signalr</c>), so its memory can be read
/// without the clients' memory in it. It stops when its standard input closes.
/// </summary>
public sealed class ChildServer : IAsyncDisposable
{
    public const string ReadyPrefix = "LISTENING ";

    private readonly Process process;
    private readonly HttpClient http;

    private ChildServer(Process process, Uri baseUri)
    {
        this.process = process;
        BaseUri = baseUri;
        http = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromMinutes(2) };
    }

    /// <summary>The <c>serve</c> option that leaves connections unwrapped by the byte counter.</summary>
    public const string NoByteCount = "--no-byte-count";

    public Uri BaseUri { get; }

    /// <param name="kind">Which server.</param>
    /// <param name="countBytes">Whether to wrap connections in the byte counter (the idle scenario measures memory without it).</param>
    public static async Task<ChildServer> StartAsync(ServerKind kind, bool countBytes = true)
    {
        var path = Environment.ProcessPath ?? throw new InvalidOperationException("No process path.");
        var start = new ProcessStartInfo(path)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        if (string.Equals(Path.GetFileNameWithoutExtension(path), "dotnet", StringComparison.OrdinalIgnoreCase))
        {
            start.ArgumentList.Add(typeof(ChildServer).Assembly.Location);
        }

        start.ArgumentList.Add("serve");
        start.ArgumentList.Add(kind.ToString().ToLowerInvariant());
        if (!countBytes)
        {
            start.ArgumentList.Add(NoByteCount);
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the server process.");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith(ReadyPrefix, StringComparison.Ordinal))
            {
                return new ChildServer(process, new Uri(line[ReadyPrefix.Length..]));
            }
        }

        process.Kill(entireProcessTree: true);
        throw new InvalidOperationException("The server process ended before it listened.");
    }

    public async Task<MemoryReport> MemoryAsync() =>
        (await http.GetFromJsonAsync<MemoryReport>(new Uri("/bench/memory", UriKind.Relative)))!;

    /// <summary>Writes a <c>dotnet-gcdump</c> of the server process (the tool must be on the PATH or in ~/.dotnet/tools).</summary>
    public async Task GcDumpAsync(string path)
    {
        var tools = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet", "tools", "dotnet-gcdump");
        var start = new ProcessStartInfo(File.Exists(tools) ? tools : "dotnet-gcdump") { UseShellExecute = false, RedirectStandardOutput = true };
        foreach (var argument in new[] { "collect", "-p", process.Id.ToString(CultureInfo.InvariantCulture), "-o", Path.GetFullPath(path) })
        {
            start.ArgumentList.Add(argument);
        }

        using var dump = Process.Start(start) ?? throw new InvalidOperationException("Could not start dotnet-gcdump.");
        _ = await dump.StandardOutput.ReadToEndAsync();
        await dump.WaitForExitAsync();
    }

    /// <summary>The child's running totals (allocations, CPU, bytes sent): see <see cref="ServerStats"/>.</summary>
    public async Task<ServerStats> StatsAsync() =>
        await ServerStats.TryFetchAsync(http, BaseUri) ?? throw new InvalidOperationException("The server process serves no stats.");

    public async ValueTask DisposeAsync()
    {
        http.Dispose();
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
        }

        process.Dispose();
    }

    /// <summary>The child side: serve until standard input closes.</summary>
    public static async Task<int> ServeAsync(ServerKind kind, bool countBytes)
    {
        await using var server = await BenchServer.StartAsync(kind, countBytes);
        Console.Out.WriteLine(ReadyPrefix + server.BaseUri);
        Console.Out.Flush();
        while (await Console.In.ReadLineAsync() is not null)
        {
            // Nothing to read; the parent closes the stream to stop us.
        }

        return 0;
    }
}
