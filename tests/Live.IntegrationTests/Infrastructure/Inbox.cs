using System.Text.Json;
using Live.Client;

namespace Live.IntegrationTests.Infrastructure;

/// <summary>Every message a client received, in order, so a test can wait for unsolicited ones (<c>token</c>, <c>patch</c>).</summary>
public sealed class Inbox
{
    private readonly WatchedList<JsonElement> messages = new();

    private Inbox()
    {
    }

    public IReadOnlyList<JsonElement> Messages => messages.Entries;

    public static Inbox Of(LiveConnection connection)
    {
        var inbox = new Inbox();
        connection.MessageReceived += m => inbox.messages.Add(m);
        return inbox;
    }

    public IReadOnlyList<JsonElement> OfType(string type) =>
        [.. Messages.Where(m => m.GetProperty("type").GetString() == type)];

    public Task WaitForAsync(Func<JsonElement, bool> predicate) => messages.WaitForAsync(predicate, Clients.Wait);

    public Task WaitForTypeAsync(string type, Func<JsonElement, bool>? predicate = null) =>
        WaitForAsync(m => m.GetProperty("type").GetString() == type && (predicate?.Invoke(m) ?? true));
}
