using System.Collections.Concurrent;

namespace Live.TestServer;

/// <summary>
/// The HTTP requests currently carrying a Live WebSocket, so a test can drop them all from the server side.
/// Live has no public "close this connection" API (by design: the runtime owns its connections), so the test server
/// holds the underlying <see cref="HttpContext"/> and aborts it — exactly what a crashed proxy or a network cut does.
/// </summary>
public sealed class OpenConnections
{
    private readonly ConcurrentDictionary<HttpContext, byte> contexts = new();

    public int Count => contexts.Count;

    public void Add(HttpContext context) => contexts.TryAdd(context, 0);

    public void Remove(HttpContext context) => contexts.TryRemove(context, out _);

    /// <summary>Aborts every tracked connection; returns how many there were.</summary>
    public int AbortAll()
    {
        var aborted = 0;
        foreach (var context in contexts.Keys)
        {
            context.Abort();
            aborted++;
        }

        return aborted;
    }
}
