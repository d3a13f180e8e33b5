using System.Text.Json.Nodes;

namespace Live.Presence;

/// <summary>
/// One "live state" entry of a room: a per-key value where the last writer wins (cursors, selections, typing
/// indicators). An entry belongs to the connection that wrote it last and is removed when that connection leaves the
/// room for good (a connection dropped and held for a resume keeps it); entries written by server code stay until
/// removed.
/// </summary>
/// <param name="Key">The entry's key.</param>
/// <param name="Value">The value.</param>
/// <param name="UserId">Who wrote it last (<c>server</c> for server code without a connection).</param>
/// <param name="UpdatedAt">When it was written.</param>
public sealed record LiveStateEntry(string Key, JsonNode? Value, string UserId, DateTimeOffset UpdatedAt);
