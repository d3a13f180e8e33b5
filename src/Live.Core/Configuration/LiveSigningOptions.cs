namespace Live;

/// <summary>
/// Signed state: the keys state tokens are signed with, how often a changing instance gets a fresh token, and how old
/// a token may be when it is presented. Bound from <c>Live:Signing</c>; see <c>docs/security.md</c>.
/// </summary>
public sealed class LiveSigningOptions
{
    /// <summary>
    /// The signing keys. The first one signs new tokens; every listed key verifies, so a key is rotated by putting a
    /// new one first and removing the old one once its tokens are older than <see cref="MaxTokenAge"/>. Required
    /// outside Development (start-up fails without one); Development without keys uses an ephemeral random key and
    /// logs a warning (tokens then stop verifying when the process restarts).
    /// </summary>
    public IList<LiveSigningKey> Keys { get; } = [];

    /// <summary>
    /// The shortest time between two <c>token</c> messages for one instance. Changes in between are covered by one
    /// trailing token, so a burst of actions is signed once. Default 2 s.
    /// </summary>
    public TimeSpan TokenInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How old a token may be when it is presented for rehydration. Default 30 minutes.</summary>
    public TimeSpan MaxTokenAge { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// How many used token nonces the default in-memory nonce store remembers (each until its token expires). When
    /// full of unexpired nonces it refuses rehydration (fails closed) rather than forget one. Default 100,000.
    /// </summary>
    public int NonceStoreCapacity { get; set; } = 100_000;

    /// <summary>Set when the runtime generated an ephemeral Development key because none was configured.</summary>
    internal bool UsesEphemeralKey { get; set; }
}
