using System.Text.Json.Nodes;
using Live.Instances;
using Live.Presence;

namespace Live.Rooms;

/// <summary>
/// The membership of a connection that dropped while components of it are kept for a resume: the user stays a member
/// (with no live connection for it) until those components are resumed or their retention ends.
/// </summary>
internal sealed class HeldMembership(UserIdentity identity, JsonObject? metadata)
{
    public UserIdentity Identity { get; } = identity;

    public JsonObject? Metadata { get; } = metadata;

    /// <summary>The kept components that were in the room through the dropped connection.</summary>
    public List<ComponentInstance> Components { get; } = [];

    /// <summary>
    /// Whether the dropped connection has left the room's live members, so presence counts it as held (until then it
    /// still counts as a live connection: other components of it were in the room).
    /// </summary>
    public bool Counted { get; set; }
}
