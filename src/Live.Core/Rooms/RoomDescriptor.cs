using System.ComponentModel;
using System.Text.Json.Serialization.Metadata;

namespace Live.Registration;

/// <summary>Everything the runtime knows about one typed room. Created by generated code.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class RoomDescriptor
{
    /// <summary>Creates a descriptor (called by generated code).</summary>
    /// <param name="name">The room kind's name (the prefix of its room names).</param>
    /// <param name="roomType">The room class.</param>
    /// <param name="stateType">The state record type.</param>
    /// <param name="factory">Creates an instance, resolving constructor arguments from the given services.</param>
    /// <param name="maxMembers">The most members, or 0 for the configured default.</param>
    /// <param name="allowClientJoin">Whether clients may join with a <c>join</c> message.</param>
    /// <param name="joinPolicy">The authorization policy client-initiated joins require, if any.</param>
    /// <param name="typeInfoResolver">Generated JSON metadata for the state.</param>
    /// <param name="presence">Whether members see presence in the room document.</param>
    public RoomDescriptor(
        string name,
        Type roomType,
        Type stateType,
        Func<IServiceProvider, Rooms.LiveRoomBase> factory,
        int maxMembers = 0,
        bool allowClientJoin = false,
        string? joinPolicy = null,
        IJsonTypeInfoResolver? typeInfoResolver = null,
        bool presence = true)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(roomType);
        ArgumentNullException.ThrowIfNull(stateType);
        ArgumentNullException.ThrowIfNull(factory);
        Name = name;
        RoomType = roomType;
        StateType = stateType;
        Factory = factory;
        MaxMembers = maxMembers;
        AllowClientJoin = allowClientJoin;
        JoinPolicy = joinPolicy;
        TypeInfoResolver = typeInfoResolver;
        Presence = presence;
    }

    /// <summary>Whether members see presence (<c>members</c>, <c>live</c>) in the room document.</summary>
    public bool Presence { get; }

    /// <summary>The room kind's name.</summary>
    public string Name { get; }

    /// <summary>The room class.</summary>
    public Type RoomType { get; }

    /// <summary>The state record type.</summary>
    public Type StateType { get; }

    /// <summary>Creates an instance.</summary>
    public Func<IServiceProvider, Rooms.LiveRoomBase> Factory { get; }

    /// <summary>The most members, or 0 for <c>LiveOptions.Rooms.MaxMembers</c>.</summary>
    public int MaxMembers { get; }

    /// <summary>Whether clients may join with a <c>join</c> message.</summary>
    public bool AllowClientJoin { get; }

    /// <summary>The policy client-initiated joins require, if any.</summary>
    public string? JoinPolicy { get; }

    /// <summary>Generated JSON metadata for the state, if any.</summary>
    public IJsonTypeInfoResolver? TypeInfoResolver { get; }
}
