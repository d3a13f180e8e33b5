using TodoApp.Storage;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddSingleton<ITodoStore>(sp => new FileTodoStore(
    builder.Configuration["TodoApp:DataFile"] ?? Path.Combine(builder.Environment.ContentRootPath, "data", "todos.json"),
    sp.GetRequiredService<ILogger<FileTodoStore>>()));
builder.Services.AddLive();

var app = builder.Build();
app.MapLive("/live");
app.MapGet("/", () => "Live TodoApp: the browser page arrives with the TypeScript client.");
app.Run();

/// <summary>The sample's entry point (public so integration tests can host it).</summary>
public partial class Program;
