namespace Live.Signing;

/// <summary>The signed facts a state token carries about one instance's state.</summary>
/// <param name="KeyId">The id of the key that signed it.</param>
/// <param name="Component">The component's wire name.</param>
/// <param name="InstanceId">The instance the state was taken from.</param>
/// <param name="Version">The state version.</param>
/// <param name="IssuedAt">When it was signed (millisecond precision).</param>
/// <param name="Nonce">A random value making every token unique, so each can be used once.</param>
/// <param name="StateJson">The state as JSON (UTF-8).</param>
internal sealed record StateToken(
    string KeyId,
    string Component,
    string InstanceId,
    long Version,
    DateTimeOffset IssuedAt,
    string Nonce,
    ReadOnlyMemory<byte> StateJson);
