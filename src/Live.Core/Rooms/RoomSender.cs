using Live.Instances;
using Live.Presence;

namespace Live.Rooms;

/// <summary>The component and connection on whose behalf a <see cref="RoomHandle"/> acts.</summary>
internal sealed record RoomSender(LiveConnectionContext Connection, ComponentInstance Component, UserIdentity Identity);
