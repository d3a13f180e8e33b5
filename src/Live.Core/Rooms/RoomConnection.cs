using System.Text.Json.Nodes;
using Live.Connections;
using Live.Instances;
using Live.Presence;

namespace Live.Rooms;

/// <summary>One connection's membership of one room: where to send, who it is, and which of its components joined.</summary>
internal sealed class RoomConnection(IConnectionSink sink, UserIdentity identity)
{
    public IConnectionSink Sink { get; } = sink;

    public UserIdentity Identity { get; } = identity;

    /// <summary>The components of this connection that joined (server-side event handlers run on these).</summary>
    public List<ComponentInstance> Components { get; } = [];

    /// <summary>The presence metadata the connection joined with (kept for a re-join after a resume).</summary>
    public JsonObject? Metadata { get; init; }

    /// <summary>Whether this connection said it is away (the <c>presence</c> message).</summary>
    public bool Away { get; set; }
}
