namespace Live;

/// <summary>
/// What <see cref="LiveComponentBase.OnRehydrateAsync"/> receives: the connection that brought the signed state back,
/// and which state it was. By the time the hook runs, the component's state is the token's state.
/// </summary>
public sealed class RehydrateContext
{
    internal RehydrateContext(LiveConnectionContext connection, long version, DateTimeOffset issuedAt)
    {
        Connection = connection;
        Version = version;
        IssuedAt = issuedAt;
    }

    /// <summary>The connection rehydrating the component.</summary>
    public LiveConnectionContext Connection { get; }

    /// <summary>The state version the token was signed at; the instance continues from it.</summary>
    public long Version { get; }

    /// <summary>When the token was signed. The state may be that old: re-check anything that can go stale.</summary>
    public DateTimeOffset IssuedAt { get; }
}
