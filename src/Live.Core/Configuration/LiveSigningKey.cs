namespace Live;

/// <summary>One state-signing key: an id written into every token it signs, and the secret.</summary>
public sealed class LiveSigningKey
{
    /// <summary>The key's id: 1 to 64 letters, digits, <c>-</c>, <c>_</c> or <c>.</c> (for example <c>2026-11</c>).</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary>
    /// The secret, base64 encoded, at least 32 random bytes (generate one with <c>openssl rand -base64 32</c>). Keep it
    /// out of source control: set it through environment variables or a secret store.
    /// </summary>
    public string Secret { get; set; } = string.Empty;
}
