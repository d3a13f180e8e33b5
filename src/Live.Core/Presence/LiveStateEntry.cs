using System.Text.Json.Nodes;

namespace Live.Presence;

/// <summary>
/// One "live state" entry of a room: a per-key value where the last writer wins (cursors, selections, typing
/// indicators). Entries written by a user are removed when the user's last connection leaves the room.
/// </summary>
/// <param name="Key">The entry's key.</param>
/// <param name="Value">The value.</param>
/// <param name="UserId">Who wrote it last (<c>server</c> for server code without a connection).</param>
/// <param name="UpdatedAt">When it was written.</param>
public sealed record LiveStateEntry(string Key, JsonNode? Value, string UserId, DateTimeOffset UpdatedAt);
