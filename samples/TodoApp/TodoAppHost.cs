using TodoApp.Account;
using TodoApp.Storage;

namespace TodoApp;

/// <summary>Builds the sample's web app; <c>Program</c> runs it, the integration tests host it on a loopback port.</summary>
public static class TodoAppHost
{
    /// <summary>Creates the app (not started).</summary>
    /// <param name="args">Command-line arguments.</param>
    /// <param name="services">Extra service registrations (tests use it, e.g. for policies their own components name).</param>
    public static WebApplication Create(string[] args, Action<IServiceCollection>? services = null)
    {
        var builder = WebApplication.CreateBuilder(args);

        builder.Services.AddSingleton<ITodoStore>(sp => new FileTodoStore(
            builder.Configuration["TodoApp:DataFile"] ?? Path.Combine(builder.Environment.ContentRootPath, "data", "todos.json"),
            sp.GetRequiredService<ILogger<FileTodoStore>>()));
        builder.Services.AddSingleton<TodoApp.Todos.RemainingTodos>();
        builder.AddSignIn();
        builder.Services.AddLive();
        services?.Invoke(builder.Services);

        var app = builder.Build();
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.MapSignIn();
        app.MapLive("/live");
        return app;
    }
}
