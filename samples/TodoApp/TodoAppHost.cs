using TodoApp.Account;
using TodoApp.Storage;

namespace TodoApp;

/// <summary>Builds the sample's web app; <c>Program</c> runs it, the integration tests host it on a loopback port.</summary>
public static class TodoAppHost
{
    public static WebApplication Create(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);

        builder.Services.AddSingleton<ITodoStore>(sp => new FileTodoStore(
            builder.Configuration["TodoApp:DataFile"] ?? Path.Combine(builder.Environment.ContentRootPath, "data", "todos.json"),
            sp.GetRequiredService<ILogger<FileTodoStore>>()));
        builder.Services.AddSingleton<TodoApp.Todos.RemainingTodos>();
        builder.AddSignIn();
        builder.Services.AddLive();

        var app = builder.Build();
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.MapSignIn();
        app.MapLive("/live");
        return app;
    }
}
