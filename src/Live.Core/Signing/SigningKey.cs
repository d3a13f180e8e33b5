namespace Live.Signing;

/// <summary>One HMAC-SHA256 key with the id that names it inside tokens.</summary>
internal sealed class SigningKey
{
    /// <summary>The shortest secret accepted: HMAC-SHA256 wants at least its output size.</summary>
    public const int MinimumKeyBytes = 32;

    public SigningKey(string id, byte[] secret)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentNullException.ThrowIfNull(secret);
        if (id.Length > 64 || id.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')))
        {
            throw new ArgumentException($"A signing key id must be 1 to 64 letters, digits, '-', '_' or '.' (was '{id}').", nameof(id));
        }

        if (secret.Length < MinimumKeyBytes)
        {
            throw new ArgumentException($"Signing key '{id}' is {secret.Length} bytes; use at least {MinimumKeyBytes} random bytes.", nameof(secret));
        }

        Id = id;
        Secret = secret;
    }

    public string Id { get; }

    public byte[] Secret { get; }
}
