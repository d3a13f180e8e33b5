using System.Security.Claims;

namespace Live;

/// <summary>One client connection as components see it: who is connected and the connection's services.</summary>
public sealed class LiveConnectionContext
{
    private ClaimsPrincipal user;
    private IDictionary<object, object?>? items;
    private string? guestTag;

    internal LiveConnectionContext(string connectionId, ClaimsPrincipal user, IServiceProvider services, CancellationToken connectionAborted)
    {
        ConnectionId = connectionId;
        this.user = user;
        Services = services;
        ConnectionAborted = connectionAborted;
    }

    /// <summary>The server-assigned id of the connection. Never taken from the client.</summary>
    public string ConnectionId { get; }

    /// <summary>
    /// The user of the connection, as the app's ASP.NET Core authentication found it on the WebSocket upgrade (an
    /// unauthenticated principal for anonymous connections). A <c>refresh</c> with a new token for the same user
    /// replaces it, so read it when needed rather than keeping a copy. Never taken from anything the client sends.
    /// </summary>
    public ClaimsPrincipal User
    {
        get => Volatile.Read(ref user);
        internal set => Volatile.Write(ref user, value);
    }

    /// <summary>The connection's service scope: scoped services resolved here live as long as the connection.</summary>
    public IServiceProvider Services { get; }

    /// <summary>Cancelled when the connection closes.</summary>
    public CancellationToken ConnectionAborted { get; }

    /// <summary>Where frames for this connection go (set by its session).</summary>
    internal Connections.IConnectionSink? Sink { get; set; }

    /// <summary>
    /// The presence guest tag of an anonymous connection once it is fixed (see <c>Presence.UserIdentity</c>): at its first
    /// use in a room, or taken over from the connection a resumed instance was kept from. <see langword="null"/> until then.
    /// </summary>
    internal string? GuestTag => Volatile.Read(ref guestTag);

    /// <summary>Fixes <see cref="GuestTag"/> to <paramref name="tag"/> unless it is fixed already; returns the tag it has.</summary>
    internal string FixGuestTag(string tag) => Interlocked.CompareExchange(ref guestTag, tag, null) ?? tag;

    /// <summary>A place for app code to keep per-connection data.</summary>
    public IDictionary<object, object?> Items => LazyInitializer.EnsureInitialized(ref items, static () => new Dictionary<object, object?>());
}
