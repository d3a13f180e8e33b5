using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Text.Json.Nodes;
using Live.Connections;
using Live.Hosting;
using Live.Instances;
using Live.Protocol;
using Live.Registration;

namespace Live.Rooms;

/// <summary>
/// All rooms of the server: creates a room on first use (a typed room when its name's kind is registered), finds it,
/// and keeps the index of which rooms each connection is in, so a closing connection leaves all of them.
/// </summary>
internal sealed class RoomManager
{
    private readonly LiveRuntime runtime;
    private readonly IServiceProvider rootServices;
    private readonly ConcurrentDictionary<string, RoomInstance> rooms = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, RoomInstance>> byConnection = new(StringComparer.Ordinal);
    private readonly Lock createGate = new();

    public RoomManager(LiveRuntime runtime, IServiceProvider rootServices, IEnumerable<RoomDescriptor> descriptors)
    {
        this.runtime = runtime;
        this.rootServices = rootServices;
        Descriptors = descriptors
            .GroupBy(d => d.Name, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
    }

    public FrozenDictionary<string, RoomDescriptor> Descriptors { get; }

    public int Count => rooms.Count;

    public IReadOnlyCollection<string> Names => [.. rooms.Keys];

    /// <summary>The full room name of the typed room <typeparamref name="TRoom"/> with <paramref name="key"/>.</summary>
    public string NameOf<TRoom>(string key)
        where TRoom : LiveRoomBase
    {
        ArgumentNullException.ThrowIfNull(key);
        var descriptor = Descriptors.Values.FirstOrDefault(d => d.RoomType == typeof(TRoom))
            ?? throw new InvalidOperationException($"'{typeof(TRoom).Name}' is not a registered typed room: mark it [LiveRoom] (the source generator registers it).");
        return key.Length == 0 ? descriptor.Name : descriptor.Name + ":" + key;
    }

    public bool TryGet(string name, out RoomInstance room) => rooms.TryGetValue(name, out room!) && !room.IsDestroyed;

    /// <summary>The typed room registered for <paramref name="name"/>'s kind, if any.</summary>
    public RoomDescriptor? DescriptorFor(string name) =>
        Descriptors.TryGetValue(RoomNames.Kind(name), out var descriptor) ? descriptor : null;

    /// <summary>Gets the room, creating (and initializing) it on first use.</summary>
    public async Task<RoomInstance> GetOrCreateAsync(string name)
    {
        if (RoomNames.Validate(name) is { } invalid)
        {
            throw new LiveRoomException(ErrorCodes.InvalidRoomName, invalid);
        }

        Task? initializing = null;
        RoomInstance room;
        lock (createGate)
        {
            if (!rooms.TryGetValue(name, out room!) || room.IsDestroyed)
            {
                var descriptor = DescriptorFor(name);
                LiveRoomBase? typed = null;
                if (descriptor is not null)
                {
                    typed = descriptor.Factory(rootServices);
                    typed.Name = name;
                }

                room = new RoomInstance(name, this, runtime, descriptor, typed);
                typed?.Attach(new RoomHandle(this, name, sender: null));
                rooms[name] = room;
                initializing = room.InitializeAsync();
            }
        }

        if (initializing is not null)
        {
            await initializing.ConfigureAwait(false);
        }

        return room;
    }

    /// <summary>Puts <paramref name="component"/> of the connection in the room; retries once when the room was just destroyed.</summary>
    public async Task<RoomJoinOutcome> JoinAsync(IConnectionSink sink, ComponentInstance component, string name, JsonObject? metadata, string? requestId, bool isClientRequest)
    {
        if (RoomNames.Validate(name) is { } invalid)
        {
            return RoomJoinOutcome.Refused(ErrorCodes.InvalidRoomName, invalid);
        }

        for (var attempt = 0; attempt < 3; attempt++)
        {
            var room = await GetOrCreateAsync(name).ConfigureAwait(false);
            var outcome = await room.JoinAsync(sink, component, metadata, requestId, isClientRequest).ConfigureAwait(false);
            if (outcome.Joined || outcome.Error is not null)
            {
                return outcome;
            }
        }

        return RoomJoinOutcome.Refused(ErrorCodes.InternalError, $"Could not join '{name}'; try again.");
    }

    /// <summary>Takes a component of a connection out of a room; <see langword="false"/> when it was not in it.</summary>
    public Task<bool> LeaveAsync(string connectionId, ComponentInstance component, string name, RoomLeaveReason reason, string? requestId) =>
        TryGetJoined(connectionId, name, out var room)
            ? room.LeaveAsync(connectionId, component, reason, requestId)
            : Task.FromResult(false);

    /// <summary>Takes a component out of every room it joined on the connection (it was unmounted or its connection closed).</summary>
    public async Task LeaveComponentAsync(string connectionId, ComponentInstance component, RoomLeaveReason reason)
    {
        if (!byConnection.TryGetValue(connectionId, out var joined))
        {
            return;
        }

        foreach (var room in joined.Values)
        {
            await room.LeaveAsync(connectionId, component, reason, requestId: null).ConfigureAwait(false);
        }
    }

    /// <summary>Takes a closing connection out of every room.</summary>
    public async Task LeaveAllAsync(string connectionId, RoomLeaveReason reason)
    {
        if (!byConnection.TryGetValue(connectionId, out var joined))
        {
            return;
        }

        foreach (var room in joined.Values)
        {
            await room.LeaveAsync(connectionId, component: null, reason, requestId: null).ConfigureAwait(false);
        }

        byConnection.TryRemove(new KeyValuePair<string, ConcurrentDictionary<string, RoomInstance>>(connectionId, joined));
    }

    /// <summary>The rooms the connection is in right now (a snapshot).</summary>
    public RoomInstance[] RoomsOf(string connectionId) =>
        byConnection.TryGetValue(connectionId, out var joined) ? [.. joined.Values] : [];

    public bool TryGetJoined(string connectionId, string name, out RoomInstance room)
    {
        room = null!;
        return byConnection.TryGetValue(connectionId, out var joined) && joined.TryGetValue(name, out room!);
    }

    /// <summary>Finds a room of the connection by its pseudo-instance id (for <c>resync</c>).</summary>
    public RoomInstance? FindJoinedById(string connectionId, string roomInstanceId) =>
        byConnection.TryGetValue(connectionId, out var joined) ? joined.Values.FirstOrDefault(r => r.Id == roomInstanceId) : null;

    public bool CanTrackAnother(string connectionId) =>
        !byConnection.TryGetValue(connectionId, out var joined) || joined.Count < runtime.Options.Rooms.MaxRoomsPerConnection;

    public void Track(string connectionId, RoomInstance room) =>
        byConnection.GetOrAdd(connectionId, static _ => new ConcurrentDictionary<string, RoomInstance>(StringComparer.Ordinal))[room.Name] = room;

    public void Untrack(string connectionId, RoomInstance room)
    {
        if (byConnection.TryGetValue(connectionId, out var joined))
        {
            joined.TryRemove(new KeyValuePair<string, RoomInstance>(room.Name, room));
        }
    }

    public void OnDestroyed(RoomInstance room) =>
        rooms.TryRemove(new KeyValuePair<string, RoomInstance>(room.Name, room));

    /// <summary>Destroys every room (server shutdown), running their destroyed hooks.</summary>
    public async Task ShutdownAsync()
    {
        foreach (var room in rooms.Values.ToList())
        {
            await room.CloseAsync().ConfigureAwait(false);
        }
    }

    /// <summary>A handle on a room for server code (no sending connection).</summary>
    public RoomHandle Handle(string name) => new(this, name, sender: null);

    public LiveRuntime Runtime => runtime;
}
