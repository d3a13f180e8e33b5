using System.Text.Json.Nodes;

namespace Live.Presence;

/// <summary>One member of a room: a user, with however many connections (tabs) they have in it.</summary>
/// <param name="UserId">The user's id (the <c>sub</c>/name-identifier claim, or <c>anon-…</c> for an anonymous connection).</param>
/// <param name="DisplayName">The name to show (the <c>name</c> claim, else the identity name, else <c>Guest …</c>).</param>
/// <param name="Connections">How many of the user's connections are in the room.</param>
/// <param name="Status">Online or away.</param>
/// <param name="LastActive">When the member last joined, emitted, or set live state or status.</param>
/// <param name="Metadata">App data given at join (sent to every member), or <see langword="null"/>.</param>
public sealed record RoomMember(
    string UserId,
    string DisplayName,
    int Connections,
    PresenceStatus Status,
    DateTimeOffset LastActive,
    JsonObject? Metadata);
