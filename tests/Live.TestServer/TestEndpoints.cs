namespace Live.TestServer;

/// <summary>The test-only HTTP surface: connection tracking and the endpoints the client's tests call.</summary>
public static class TestEndpoints
{
    /// <summary>
    /// Tracks every request to <paramref name="livePath"/> in <see cref="OpenConnections"/> while it runs (a Live WebSocket's
    /// request runs as long as the connection; plain requests are refused at once).
    /// </summary>
    public static IApplicationBuilder UseOpenConnectionTracking(this IApplicationBuilder app, string livePath)
    {
        var connections = app.ApplicationServices.GetRequiredService<OpenConnections>();
        return app.Use(async (context, next) =>
        {
            if (!context.Request.Path.Equals(livePath, StringComparison.Ordinal))
            {
                await next(context);
                return;
            }

            connections.Add(context);
            try
            {
                await next(context);
            }
            finally
            {
                connections.Remove(context);
            }
        });
    }

    /// <summary>
    /// <c>GET /test/ready</c> answers 200 once the app serves requests; <c>POST /test/close-all</c> aborts every open
    /// Live connection and answers how many it aborted. Mapped only in Development.
    /// </summary>
    public static void MapTestEndpoints(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            return;
        }

        app.MapGet("/test/ready", () => Results.Text("ready"));
        app.MapPost("/test/close-all", (OpenConnections connections) => Results.Json(new { aborted = connections.AbortAll() }));
    }
}
