namespace Live.Rooms;

/// <summary>
/// Lets clients join untyped rooms themselves (the <c>join</c> message). Without a matching rule only server code puts
/// a connection in a room.
/// </summary>
/// <param name="Pattern">A room name, or a prefix ending in <c>*</c> (<c>lobby:*</c> matches <c>lobby:1</c>).</param>
/// <param name="Policy">An authorization policy the connection's user must satisfy, or <see langword="null"/> for none.</param>
public sealed record RoomJoinRule(string Pattern, string? Policy = null)
{
    /// <summary>Whether <paramref name="room"/> matches <see cref="Pattern"/>.</summary>
    /// <param name="room">A valid room name.</param>
    /// <returns><see langword="true"/> when the rule applies to the room.</returns>
    public bool Matches(string room) =>
        Pattern.EndsWith('*')
            ? room.StartsWith(Pattern.AsSpan(0, Pattern.Length - 1), StringComparison.Ordinal)
            : string.Equals(room, Pattern, StringComparison.Ordinal);
}
