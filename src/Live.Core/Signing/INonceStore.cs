namespace Live.Signing;

/// <summary>
/// Remembers which token nonces have been used, so a signed-state token can be presented only once. The default is
/// in memory (one server); a cluster needs a shared store.
/// </summary>
public interface INonceStore
{
    /// <summary>Marks <paramref name="nonce"/> used. Returns <see langword="false"/> when it had been used before.</summary>
    /// <param name="nonce">The token's nonce.</param>
    /// <param name="expiresAt">When the token expires; the store may forget the nonce after that.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether this is the first use.</returns>
    ValueTask<bool> TryUseAsync(string nonce, DateTimeOffset expiresAt, CancellationToken cancellationToken = default);
}
