using System.Text.Json;
using Live.Registration;

namespace Live;

/// <summary>
/// Options for the Live runtime, set with <c>services.AddLive(o =&gt; ...)</c> or bound from the <c>Live</c>
/// configuration section. Every default is listed in <c>docs/configuration.md</c>; options are validated at start-up.
/// </summary>
public sealed class LiveOptions
{
    /// <summary>
    /// The JSON options for state, arguments and results. Defaults to <see cref="JsonSerializerDefaults.Web"/>
    /// (camelCase members). The generated metadata of every component is put first in its resolver chain.
    /// </summary>
    public JsonSerializerOptions SerializerOptions { get; set; } = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// How long the server waits for any frame from a client before closing the connection with code 4000.
    /// Clients send a ping every 10 s when idle. Default 30 s.
    /// </summary>
    public TimeSpan ClientTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a new connection has to send its first request (any message but <c>ping</c>) before the server closes
    /// it with code 4002, so sockets that are opened and never used cannot be held. Default 10 s.
    /// </summary>
    public TimeSpan HandshakeTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a deliberate close waits for the client to acknowledge before aborting the socket. Default 5 s.</summary>
    public TimeSpan CloseTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Whether errors carry exception details (type and message) to the client. <see langword="null"/> (the default)
    /// means: only when the host environment is Development.
    /// </summary>
    public bool? DetailedErrors { get; set; }

    /// <summary>
    /// Origins (scheme://host[:port]) allowed to open a cookie-authenticated connection besides the server's own.
    /// A browser sends cookies with a WebSocket upgrade from any site, so an upgrade that carries cookies and
    /// comes from a foreign <c>Origin</c> is refused unless listed here (cross-site WebSocket hijacking).
    /// Upgrades without cookies (token authentication, non-browser clients) are not restricted. <c>"*"</c>
    /// allows every origin.
    /// </summary>
    public IList<string> AllowedOrigins { get; } = [];

    /// <summary>Which authentication schemes authenticate a connection, and whether a token may come in the query.</summary>
    public LiveAuthenticationOptions Authentication { get; } = new();

    /// <summary>Limits on what one connection may send and hold.</summary>
    public LiveLimits Limits { get; } = new();

    /// <summary>
    /// Components to host in addition to those registered by the source generator (rarely needed: the generator
    /// registers every <c>[LiveComponent]</c> of every loaded assembly).
    /// </summary>
    public IList<ComponentDescriptor> Components { get; } = [];
}
