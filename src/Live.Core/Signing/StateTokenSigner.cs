using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;

namespace Live.Signing;

/// <summary>
/// Signs and verifies state tokens: <c>base64url(payload) "." base64url(HMAC-SHA256(key, payload))</c>, where the
/// payload is a JSON object holding the key id, component, instance id, version, issued-at time, nonce and the state.
/// A token is signed, not encrypted: it holds the client's own state, which the client has anyway. Verification runs
/// the checks in a fixed order and compares signatures in constant time; the first failing check is the answer.
/// </summary>
internal sealed class StateTokenSigner(SigningKeyRing keys, INonceStore nonces, TimeProvider time, TimeSpan maxAge)
{
    private const int FormatVersion = 1;

    /// <summary>How far in the future an issued-at time may lie (clock skew between servers).</summary>
    private static readonly TimeSpan AllowedSkew = TimeSpan.FromMinutes(1);

    /// <summary>Room for the payload's members other than the state (names, key id, version, time, nonce).</summary>
    private const int PayloadOverhead = 128;

    /// <summary>
    /// An upper bound of the length of the token <see cref="Sign"/> makes for a state of <paramref name="stateJsonLength"/>
    /// bytes, without signing: the payload's members other than the state, escaped at worst, plus the base64url of
    /// the payload, the dot and the signature.
    /// </summary>
    public int MaxTokenLength(string component, string instanceId, int stateJsonLength)
    {
        var payload = (long)stateJsonLength + PayloadOverhead + (6L * (keys.Current.Id.Length + component.Length + instanceId.Length));
        var length = ((payload * 4) + 2) / 3 + 1 + 43;
        return (int)Math.Min(length, int.MaxValue);
    }

    public string Sign(string component, string instanceId, long version, ReadOnlySpan<byte> stateJson)
    {
        Span<byte> nonceBytes = stackalloc byte[16];
        RandomNumberGenerator.Fill(nonceBytes);
        var key = keys.Current;
        var payload = new ArrayBufferWriter<byte>(stateJson.Length + 256);
        using (var writer = new Utf8JsonWriter(payload))
        {
            writer.WriteStartObject();
            writer.WriteNumber("v"u8, FormatVersion);
            writer.WriteString("kid"u8, key.Id);
            writer.WriteString("c"u8, component);
            writer.WriteString("i"u8, instanceId);
            writer.WriteNumber("ver"u8, version);
            writer.WriteNumber("iat"u8, time.GetUtcNow().ToUnixTimeMilliseconds());
            writer.WriteString("n"u8, Base64Url.EncodeToString(nonceBytes));
            writer.WritePropertyName("s"u8);
            writer.WriteRawValue(stateJson, skipInputValidation: true);
            writer.WriteEndObject();
        }

        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(key.Secret, payload.WrittenSpan, mac);
        return string.Concat(Base64Url.EncodeToString(payload.WrittenSpan), ".", Base64Url.EncodeToString(mac));
    }

    public async ValueTask<(TokenVerificationStatus Status, StateToken? Token)> VerifyAsync(string token, string expectedComponent, CancellationToken cancellationToken = default)
    {
        // 1. Well-formed.
        if (!TryDecode(token, out var payload, out var signature) || !TryParse(payload, out var parsed))
        {
            return (TokenVerificationStatus.Malformed, null);
        }

        // 2. Known key.
        if (!keys.TryGet(parsed.KeyId, out var key))
        {
            return (TokenVerificationStatus.UnknownKey, null);
        }

        // 3. Signature, compared in constant time.
        var expected = HMACSHA256.HashData(key.Secret, payload);
        if (!CryptographicOperations.FixedTimeEquals(expected, signature))
        {
            return (TokenVerificationStatus.InvalidSignature, null);
        }

        // 4. The component the client says it is rehydrating.
        if (!string.Equals(parsed.Component, expectedComponent, StringComparison.Ordinal))
        {
            return (TokenVerificationStatus.WrongComponent, null);
        }

        // 5. Age.
        var now = time.GetUtcNow();
        if (now - parsed.IssuedAt > maxAge || parsed.IssuedAt - now > AllowedSkew)
        {
            return (TokenVerificationStatus.Expired, null);
        }

        // 6. Single use.
        if (!await nonces.TryUseAsync(parsed.Nonce, parsed.IssuedAt + maxAge, cancellationToken).ConfigureAwait(false))
        {
            return (TokenVerificationStatus.Replayed, null);
        }

        return (TokenVerificationStatus.Valid, parsed);
    }

    private static bool TryDecode(string token, out byte[] payload, out byte[] signature)
    {
        payload = [];
        signature = [];
        if (string.IsNullOrEmpty(token) || token.Length > 4 * 1024 * 1024)
        {
            return false;
        }

        var dot = token.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || dot != token.LastIndexOf('.') || dot == token.Length - 1)
        {
            return false;
        }

        try
        {
            payload = Base64Url.DecodeFromChars(token.AsSpan(0, dot));
            signature = Base64Url.DecodeFromChars(token.AsSpan(dot + 1));
        }
        catch (FormatException)
        {
            return false;
        }

        return signature.Length == HMACSHA256.HashSizeInBytes;
    }

    private static bool TryParse(byte[] payload, out StateToken token)
    {
        token = null!;
        try
        {
            using var document = JsonDocument.Parse(payload, new JsonDocumentOptions { MaxDepth = 256, AllowDuplicateProperties = false });
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("v"u8, out var v) || !v.TryGetInt32(out var format) || format != FormatVersion
                || !TryString(root, "kid"u8, out var keyId)
                || !TryString(root, "c"u8, out var component)
                || !TryString(root, "i"u8, out var instance)
                || !root.TryGetProperty("ver"u8, out var ver) || !ver.TryGetInt64(out var version) || version < 0
                || !root.TryGetProperty("iat"u8, out var iat) || !iat.TryGetInt64(out var issuedAt)
                || !TryString(root, "n"u8, out var nonce)
                || !root.TryGetProperty("s"u8, out var state) || state.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            var stateJson = System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(state).ToArray();
            token = new StateToken(keyId, component, instance, version, DateTimeOffset.FromUnixTimeMilliseconds(issuedAt), nonce, stateJson);
            return true;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or ArgumentOutOfRangeException)
        {
            return false;
        }
    }

    private static bool TryString(JsonElement root, ReadOnlySpan<byte> name, out string value)
    {
        value = string.Empty;
        if (!root.TryGetProperty(name, out var element) || element.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        value = element.GetString()!;
        return value.Length > 0;
    }
}
