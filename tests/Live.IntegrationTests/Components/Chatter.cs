using System.Collections.Immutable;
using System.Text.Json.Nodes;
using Live.Rooms;

namespace Live.IntegrationTests.Components;

[LiveEvent]
public sealed record ChatMessage(string Text, int Size = 0);

[LiveEvent("nudge")]
public sealed record Nudge(string Why);

public sealed record ChatterState
{
    public ImmutableList<string> Received { get; init; } = [];
}

/// <summary>A per-connection component that drives rooms from its actions and records the events it receives.</summary>
[LiveComponent]
public sealed partial class Chatter : LiveComponent<ChatterState>
{
    [PublicAction]
    public Task Join(string room, string? tag = null) =>
        JoinRoomAsync(room, tag is null ? null : new JsonObject { ["tag"] = tag });

    [PublicAction]
    public Task Leave(string room) => LeaveRoomAsync(room);

    [PublicAction]
    public Task<int> Say(string room, string text) => Room(room).EmitAsync(new ChatMessage(text));

    [PublicAction]
    public Task<int> SayToOthers(string room, string text) => Room(room).EmitToOthersAsync(new ChatMessage(text));

    [PublicAction]
    public Task<int> Whisper(string room, string userId, string why) => Room(room).EmitToAsync(userId, new Nudge(why));

    [PublicAction]
    public Task<int> Shout(string room, int size) => Room(room).EmitAsync(new ChatMessage(new string('x', size)));

    [PublicAction]
    public Task<int> Push(string room, string path, string item) => Room(room).PushAsync(path, item);

    [PublicAction]
    public Task Set(string room, string path, string value) => Room(room).SetAsync(path, value);

    [PublicAction]
    public Task<long> Increment(string room, string path, long by) => Room(room).IncrementAsync(path, by);

    [PublicAction]
    public Task SetLive(string room, string key, string? value) => Room(room).SetLiveStateAsync(key, value);

    [PublicAction]
    public async Task<int> JoinFailsHalfway(string room)
    {
        Received = Received.Add("before");
        await JoinRoomAsync(room);
        return 0;
    }

    protected override Task OnRoomEventAsync(RoomEvent roomEvent)
    {
        if (roomEvent.Is<ChatMessage>(out var message))
        {
            Received = Received.Add($"{roomEvent.Room}:{message.Text}");
        }
        else if (roomEvent.Is<Nudge>(out var nudge))
        {
            Received = Received.Add($"nudge:{nudge.Why}");
        }

        return Task.CompletedTask;
    }
}
