using Live.LoadTest;
using Live.LoadTest.Hosting;
using Live.LoadTest.Measurement;
using Live.LoadTest.Scenarios;
using Spectre.Console;

// `serve live|livedirect|signalr|rawwebsocket [--no-byte-count]`: the child-process server of the idle scenario (also usable as a --url target).
if (args is ["serve", var kind, .. var rest])
{
    return await ChildServer.ServeAsync(Enum.Parse<ServerKind>(kind, ignoreCase: true), countBytes: !rest.Contains(ChildServer.NoByteCount));
}

LoadTestOptions options;
try
{
    options = LoadTestOptions.Parse(args);
}
catch (Exception ex) when (ex is ArgumentException or FormatException or OverflowException)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine(LoadTestOptions.Usage);
    return 2;
}

var seconds = TimeSpan.FromSeconds(options.Seconds ?? 10);
IScenario? scenario = options.Scenario switch
{
    "actions" => new ActionsScenario(options.Clients ?? 50, seconds, options.LiveUrl),
    "idle" => new IdleScenario(options.Clients ?? 2000, TimeSpan.FromSeconds(options.Settle), options.GcDumpDirectory),
    "large-list" => new LargeListScenario(options.Clients ?? 4, seconds, options.LiveUrl),
    "broadcast" => new BroadcastScenario(options.Clients ?? 500, seconds, options.LiveUrl, options.ServerProcess),
    _ => null,
};
if (scenario is null)
{
    Console.Error.WriteLine($"Unknown scenario '{options.Scenario}'.");
    Console.Error.WriteLine(LoadTestOptions.Usage);
    return 2;
}

SideResult live = null!;
SideResult baseline = null!;
await AnsiConsole.Progress()
    .AutoClear(false)
    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
    .StartAsync(async progress =>
    {
        live = await scenario.RunLiveAsync(progress);
        baseline = options.LiveOnly ? new SideResult() : await scenario.RunBaselineAsync(progress);
    });

var result = new ScenarioResult(scenario.Name, scenario.Parameters, live, baseline, scenario.BaselineDescription);
ResultWriter.Print(result);
if (options.LiveUrl is not null)
{
    AnsiConsole.MarkupLine("[grey]--url: the Live server runs in another process, so Live's CPU figures cover the clients only.[/]");
}

if (options.JsonPath is { } path)
{
    ResultWriter.WriteJson(result, path);
    AnsiConsole.MarkupLine($"[grey]wrote {Markup.Escape(path)}[/]");
}

return 0;
