using Live.TestServer;

// Always Development: detailed action_failed messages, and the /test endpoints below exist only there.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, EnvironmentName = Environments.Development });
// A fixed test-only signing key as the lowest-priority configuration, so a restarted test server verifies the tokens
// its predecessor signed (rehydrate tests); --Live:Signing:Keys:… on the command line overrides it.
builder.Configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource
{
    InitialData = new Dictionary<string, string?>
    {
        ["Live:Signing:Keys:0:Id"] = "test-1",
        ["Live:Signing:Keys:0:Secret"] = "dGVzdC1vbmx5LXNpZ25pbmcta2V5LW5vdC1hLXNlY3JldC0wMDAx",
    },
});
builder.Logging.ClearProviders();
builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
// The test harness waits for Kestrel's "Now listening on: …" line to learn the port (with --urls …:0).
builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Information);
builder.Services.AddLive(o => o.Rooms.ClientJoins.Add(new Live.Rooms.RoomJoinRule("lobby:*")));
builder.Services.AddSingleton<OpenConnections>();
builder.Services.AddSingleton<Live.TestServer.Components.StallLog>();
builder.Services.AddSingleton<Live.TestServer.Components.Mailroom>();

var app = builder.Build();
app.UseOpenConnectionTracking("/live");
app.MapLive("/live");
app.MapTestEndpoints();
app.Run();
