using System.Text.Json;
using System.Text.Json.Nodes;
using Live.Client;
using Live.IntegrationTests.Infrastructure;

namespace Live.IntegrationTests.Rooms;

/// <summary>A real client connection plus every room message it receives (<c>joined</c>, <c>left</c>, <c>event</c>, room patches).</summary>
public sealed class RoomWire : IAsyncDisposable
{
    private readonly WatchedList<JsonElement> messages = new();
    private readonly WatchedList<(string Instance, JsonNode Document)> documents = new();
    private readonly Dictionary<string, (long Version, JsonNode Document)> rooms = new(StringComparer.Ordinal);
    private readonly Lock gate = new();
    private int nextId;

    private RoomWire(LiveConnection connection)
    {
        Connection = connection;
        connection.MessageReceived += m =>
        {
            var type = m.GetProperty("type").GetString();
            if (type is "joined" or "left" or "event" or "patch" or "state" or "error")
            {
                Track(m, type);
                messages.Add(m.Clone());
            }
        };
    }

    public LiveConnection Connection { get; }

    /// <summary>Watches the room messages of a connection opened elsewhere (no Chatter is mounted).</summary>
    public static RoomWire Watch(LiveConnection connection) => new(connection);

    public LiveComponentHandle Chatter { get; private set; } = null!;

    public IReadOnlyList<JsonElement> Messages => messages.Entries;

    /// <summary>Connects (as <paramref name="user"/> when given, see <see cref="TestUsers"/>) and mounts a Chatter.</summary>
    public static async Task<RoomWire> ConnectAsync(LiveServer server, string? user = null)
    {
        var connection = user is null
            ? await Clients.ConnectAsync(server)
            : await LiveConnection.ConnectAsync(new Uri(server.LiveUri + "?user=" + Uri.EscapeDataString(user)), new LiveConnectionOptions { RequestTimeout = TimeSpan.FromSeconds(10) });
        var wire = new RoomWire(connection);
        wire.Chatter = await wire.Connection.MountAsync("Chatter");
        return wire;
    }

    public Task<JsonElement> WaitForAsync(string type, Func<JsonElement, bool>? predicate = null) =>
        messages.WaitForAsync(m => m.GetProperty("type").GetString() == type && (predicate?.Invoke(m) ?? true), Clients.Wait)
            .ContinueWith(_ => messages.Entries.Last(m => m.GetProperty("type").GetString() == type && (predicate?.Invoke(m) ?? true)), TaskScheduler.Default);

    public IEnumerable<JsonElement> OfType(string type) => messages.Entries.Where(m => m.GetProperty("type").GetString() == type);

    public IEnumerable<string> EventTexts(string room) =>
        OfType("event").Where(m => m.TryGetProperty("room", out var r) && r.GetString() == room && m.GetProperty("event").GetString() == "ChatMessage")
            .Select(m => m.GetProperty("data").GetProperty("text").GetString()!);

    /// <summary>Sends a raw request and returns its answer (an error included).</summary>
    public Task<JsonElement> RequestAsync(string json, string? id = null)
    {
        id ??= "r" + Interlocked.Increment(ref nextId);
        return Connection.SendRawRequestAsync(json.Replace("$id", id, StringComparison.Ordinal), id);
    }

    /// <summary>
    /// Waits until the room document this client holds (the <c>joined</c> snapshot with every later patch applied in
    /// version order) matches <paramref name="until"/>.
    /// </summary>
    public async Task<JsonNode> RoomDocumentAsync(string roomInstance, Func<JsonNode, bool> until)
    {
        await documents.WaitForAsync(d => d.Instance == roomInstance && until(d.Document), Clients.Wait);
        return documents.Entries.Last(d => d.Instance == roomInstance && until(d.Document)).Document;
    }

    /// <summary>How many document versions this client has seen so far (a mark for <see cref="RoomDocumentAfterAsync"/>).</summary>
    public int DocumentCount => documents.Entries.Count;

    /// <summary>As <see cref="RoomDocumentAsync"/>, among the document versions seen after <paramref name="mark"/> only.</summary>
    public async Task<JsonNode> RoomDocumentAfterAsync(int mark, string roomInstance, Func<JsonNode, bool> until)
    {
        bool Matches((string Instance, JsonNode Document) d) => d.Instance == roomInstance && until(d.Document);
        await documents.WaitForAsync(_ => documents.Entries.Skip(mark).Any(Matches), Clients.Wait);
        return documents.Entries.Skip(mark).Last(Matches).Document;
    }

    private void Track(JsonElement m, string? type)
    {
        lock (gate)
        {
            switch (type)
            {
                case "joined":
                    var instance = m.GetProperty("roomInstance").GetString()!;
                    rooms[instance] = (m.GetProperty("version").GetInt64(), JsonNode.Parse(m.GetProperty("state").GetRawText())!);
                    documents.Add((instance, rooms[instance].Document.DeepClone()));
                    break;
                case "patch" when rooms.TryGetValue(m.GetProperty("instance").GetString()!, out var held):
                    var id = m.GetProperty("instance").GetString()!;
                    Assert.Equal(held.Version + 1, m.GetProperty("version").GetInt64());
                    var next = Live.Client.Patching.JsonPatchApplier.Apply(held.Document, m.GetProperty("ops"))!;
                    rooms[id] = (held.Version + 1, next);
                    documents.Add((id, next.DeepClone()));
                    break;
            }
        }
    }

    public ValueTask DisposeAsync() => Connection.DisposeAsync();
}
