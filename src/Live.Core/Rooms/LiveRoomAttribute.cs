namespace Live;

/// <summary>
/// Marks a typed room (a <c>partial</c> class deriving from <c>LiveRoom&lt;TState&gt;</c>) for the source generator.
/// Rooms named <c>{Name}</c> or <c>{Name}:{key}</c> are instances of it.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class LiveRoomAttribute : Attribute
{
    /// <summary>Marks a room named after its class.</summary>
    public LiveRoomAttribute()
    {
    }

    /// <summary>Marks a room with an explicit name (letters, digits, <c>-</c>, <c>_</c>, <c>.</c>; no <c>:</c>).</summary>
    /// <param name="name">The room kind's name, the prefix of its room names.</param>
    public LiveRoomAttribute(string name) => Name = name;

    /// <summary>The room kind's name, or <see langword="null"/> for the class name.</summary>
    public string? Name { get; }

    /// <summary>The most members an instance may have (0: <c>LiveOptions.Rooms.MaxMembers</c>).</summary>
    public int MaxMembers { get; set; }

    /// <summary>Whether clients may join with a <c>join</c> message. Default <see langword="false"/>: only server code.</summary>
    public bool AllowClientJoin { get; set; }

    /// <summary>
    /// Whether members see presence (<c>members</c> and <c>live</c> in the room document). Default <see langword="true"/>.
    /// Turn it off for broadcast rooms of thousands, where every join would otherwise send the whole member list to the
    /// joiner and a patch to everyone else; membership, limits, hooks and <c>GetMembersAsync</c> still work.
    /// </summary>
    public bool Presence { get; set; } = true;

    /// <summary>An authorization policy a client-initiated join requires (only with <see cref="AllowClientJoin"/>).</summary>
    public string? JoinPolicy { get; set; }
}
