using Live.TestServer;

// Always Development: detailed action_failed messages, and the /test endpoints below exist only there.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, EnvironmentName = Environments.Development });
builder.Logging.ClearProviders();
builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
// The test harness waits for Kestrel's "Now listening on: …" line to learn the port (with --urls …:0).
builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Information);
builder.Services.AddLive();
builder.Services.AddSingleton<OpenConnections>();
builder.Services.AddSingleton<Live.TestServer.Components.StallLog>();
builder.Services.AddSingleton<Live.TestServer.Components.Mailroom>();

var app = builder.Build();
app.UseOpenConnectionTracking("/live");
app.MapLive("/live");
app.MapTestEndpoints();
app.Run();
