using System.Buffers.Text;
using System.Security.Cryptography;

namespace Live.Signing;

/// <summary>Turns the configured <see cref="LiveSigningOptions.Keys"/> into a key ring, saying precisely what is wrong.</summary>
internal static class SigningKeyReader
{
    /// <summary>The text a missing-key failure shows: which setting, and how to make a secret.</summary>
    public const string MissingKeysMessage =
        "Live:Signing:Keys is empty: outside Development Live needs a key to sign state tokens (signed state for reconnects). " +
        "Generate a secret with `openssl rand -base64 32` and configure it, for example with the environment variables " +
        "Live__Signing__Keys__0__Id=k1 and Live__Signing__Keys__0__Secret=<secret> (or the Live:Signing:Keys array in appsettings or a secret store). " +
        "Every server of one app needs the same keys.";

    /// <summary>Checks the configured keys; returns the problems found (none when they are usable).</summary>
    public static List<string> Validate(IList<LiveSigningKey> keys)
    {
        var failures = new List<string>();
        TryRead(keys, failures);
        return failures;
    }

    /// <summary>Builds the ring from configured keys; throws when they are unusable (the validator reports that first).</summary>
    public static SigningKeyRing Read(IList<LiveSigningKey> keys)
    {
        var failures = new List<string>();
        var ring = TryRead(keys, failures);
        return ring ?? throw new InvalidOperationException(string.Join(" ", failures));
    }

    /// <summary>A random key that lives as long as the process (Development without configured keys).</summary>
    public static SigningKeyRing Ephemeral() =>
        new([new SigningKey("ephemeral", RandomNumberGenerator.GetBytes(SigningKey.MinimumKeyBytes))]);

    private static SigningKeyRing? TryRead(IList<LiveSigningKey> keys, List<string> failures)
    {
        if (keys.Count == 0)
        {
            failures.Add(MissingKeysMessage);
            return null;
        }

        var read = new List<SigningKey>(keys.Count);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < keys.Count; i++)
        {
            var key = keys[i];
            var setting = $"Live:Signing:Keys:{i}";
            if (key is null)
            {
                failures.Add($"{setting} is empty.");
                continue;
            }

            if (!ids.Add(key.Id ?? string.Empty))
            {
                failures.Add($"{setting}:Id '{key.Id}' is used by two keys; every key needs its own id.");
                continue;
            }

            var secret = Decode(key.Secret);
            if (secret is null)
            {
                failures.Add($"{setting}:Secret must be base64 (generate one with `openssl rand -base64 32`).");
                continue;
            }

            try
            {
                read.Add(new SigningKey(key.Id ?? string.Empty, secret));
            }
            catch (ArgumentException ex)
            {
                failures.Add($"{setting}: {ex.Message.Split(" (Parameter", 2)[0]} Generate a secret with `openssl rand -base64 32`.");
            }
        }

        return failures.Count == 0 ? new SigningKeyRing(read) : null;
    }

    private static byte[]? Decode(string? secret)
    {
        if (string.IsNullOrWhiteSpace(secret))
        {
            return null;
        }

        var text = secret.Trim();
        var buffer = new byte[text.Length];
        if (Convert.TryFromBase64String(text, buffer, out var written))
        {
            return buffer[..written];
        }

        try
        {
            return Base64Url.DecodeFromChars(text);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
