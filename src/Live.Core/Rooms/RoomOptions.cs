namespace Live.Rooms;

/// <summary>Options for rooms (<c>LiveOptions.Rooms</c>). Defaults are listed in <c>docs/configuration.md</c>.</summary>
public sealed class RoomOptions
{
    /// <summary>How long an empty room (and its state) is kept before it is destroyed. Default 30 s.</summary>
    public TimeSpan CleanupTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The most members (distinct users; one user's several connections count once) a room may have; joins beyond it
    /// are refused with <c>room_full</c>. A typed room may set a lower bound. Default 10,000.
    /// </summary>
    public int MaxMembers { get; set; } = 10_000;

    /// <summary>The largest event frame, in bytes; larger events are refused with <c>event_too_large</c>. Default 16 KiB.</summary>
    public int MaxEventBytes { get; set; } = 16 * 1024;

    /// <summary>The most rooms one connection may be in; more joins get <c>too_many_rooms</c>. Default 32.</summary>
    public int MaxRoomsPerConnection { get; set; } = 32;

    /// <summary>
    /// The untyped rooms clients may join with a <c>join</c> message (typed rooms say so with
    /// <c>[LiveRoom(AllowClientJoin = true)]</c>). Empty by default: only server code puts connections in rooms.
    /// </summary>
    public IList<RoomJoinRule> ClientJoins { get; } = [];
}
