using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http.Features;

namespace Live.AspNetCore.Transport.Direct;

/// <summary><c>RequestAborted</c> and <c>Abort()</c> of a direct upgrade: the connection's own.</summary>
internal sealed class DirectLifetimeFeature(ConnectionContext connection) : IHttpRequestLifetimeFeature
{
    public CancellationToken RequestAborted
    {
        get => connection.ConnectionClosed;
        set => throw new NotSupportedException("A direct Live connection's abort token is the connection's.");
    }

    public void Abort() => connection.Abort(new ConnectionAbortedException("The Live connection was aborted."));
}
