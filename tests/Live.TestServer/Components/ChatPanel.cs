using System.Collections.Immutable;
using Live.Rooms;

namespace Live.TestServer.Components;

[LiveEvent]
public sealed record ChatLine(string Text);

public sealed record ChatPanelState
{
    public ImmutableList<string> Heard { get; init; } = [];
}

public sealed record TopicState
{
    public string Topic { get; init; } = "";

    public int Posts { get; init; }
}

/// <summary>A typed room the TypeScript client's integration tests join: rooms "topic:…". Clients may join it.</summary>
[LiveRoom("topic", AllowClientJoin = true)]
public sealed partial class TopicRoom : LiveRoom<TopicState>;

/// <summary>
/// Joins the room named in its props on mount (server-side join), sends and records events, and changes room state,
/// presence and live state from its actions.
/// </summary>
[LiveComponent]
public sealed partial class ChatPanel : LiveComponent<ChatPanelState>
{
    private string room = "chat:general";

    [PublicAction]
    public Task<int> Say(string text) => Room(room).EmitAsync(new ChatLine(text));

    [PublicAction]
    public Task<int> SayTo(string roomName, string text) => Room(roomName).EmitAsync(new ChatLine(text));

    [PublicAction]
    public Task SetTopic(string roomName, string topic) => Room(roomName).UpdateStateAsync(s =>
    {
        s.Set("topic", topic);
        s.Increment("posts");
    });

    [PublicAction]
    public Task Typing(bool on)
    {
        var handle = Room(room);
        return handle.SetLiveStateAsync($"typing:{handle.UserId}", on ? true : (bool?)null);
    }

    protected override async Task OnMountAsync(MountContext context)
    {
        if (context.Props.ValueKind == System.Text.Json.JsonValueKind.Object && context.Props.TryGetProperty("room", out var name) && name.GetString() is { } given)
        {
            room = given;
        }

        await JoinRoomAsync(room);
    }

    protected override Task OnRoomEventAsync(RoomEvent roomEvent)
    {
        if (roomEvent.Is<ChatLine>(out var line))
        {
            Heard = Heard.Add(line.Text);
        }

        return Task.CompletedTask;
    }
}
