namespace Live.Signing;

/// <summary>
/// The keys tokens are signed and verified with. The first key signs; every key verifies, so a new key can be put
/// first while the old one still verifies the tokens clients hold (rotation), and is dropped once they have expired.
/// </summary>
internal sealed class SigningKeyRing
{
    private readonly Dictionary<string, SigningKey> byId;

    public SigningKeyRing(IReadOnlyList<SigningKey> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Count == 0)
        {
            throw new ArgumentException("At least one signing key is needed.", nameof(keys));
        }

        byId = new Dictionary<string, SigningKey>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            if (!byId.TryAdd(key.Id, key))
            {
                throw new ArgumentException($"The signing key id '{key.Id}' is used twice.", nameof(keys));
            }
        }

        Current = keys[0];
    }

    /// <summary>The key new tokens are signed with.</summary>
    public SigningKey Current { get; }

    public bool TryGet(string id, out SigningKey key) => byId.TryGetValue(id, out key!);
}
