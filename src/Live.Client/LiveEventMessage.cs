using System.Text.Json;

namespace Live.Client;

/// <summary>An <c>event</c> message: a room event, or an event the server sent to all of the user's connections.</summary>
public sealed class LiveEventMessage
{
    internal LiveEventMessage(string? room, string name, string? from, JsonElement data)
    {
        Room = room;
        Name = name;
        From = from;
        Data = data;
    }

    /// <summary>The room it was sent to, or <see langword="null"/> for an event sent to the user's connections.</summary>
    public string? Room { get; }

    /// <summary>The event's wire name.</summary>
    public string Name { get; }

    /// <summary>The sender's user id, or <see langword="null"/> when server code sent it.</summary>
    public string? From { get; }

    /// <summary>The event as JSON (a copy that stays valid after the handler returns).</summary>
    public JsonElement Data { get; }
}
