using System.Buffers.Text;
using System.Text;
using System.Text.Json.Nodes;
using Live.Signing;
using Microsoft.Extensions.Time.Testing;

namespace Live.IntegrationTests.Infrastructure;

/// <summary>Makes and alters state tokens the way an attacker (or another server) could.</summary>
public static class TestTokens
{
    public static readonly byte[] TestSecret = Convert.FromBase64String(LiveServer.TestSigningKey["Live:Signing:Keys:0:Secret"]!);

    /// <summary>Signs a token as a server holding key <paramref name="keyId"/> would.</summary>
    public static string Sign(string component, long version, string stateJson, string keyId = "test-1", byte[]? secret = null, DateTimeOffset? issuedAt = null)
    {
        var time = new FakeTimeProvider(issuedAt ?? DateTimeOffset.UtcNow);
        var signer = new StateTokenSigner(
            new SigningKeyRing([new SigningKey(keyId, secret ?? TestSecret)]),
            new MemoryNonceStore(time),
            time,
            TimeSpan.FromMinutes(30));
        return signer.Sign(component, "c_forged", version, Encoding.UTF8.GetBytes(stateJson));
    }

    /// <summary>Changes the token's payload but keeps its signature.</summary>
    public static string Tamper(string token, Action<JsonObject> change)
    {
        var dot = token.IndexOf('.', StringComparison.Ordinal);
        var payload = JsonNode.Parse(Base64Url.DecodeFromChars(token.AsSpan(0, dot)))!.AsObject();
        change(payload);
        return Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload.ToJsonString())) + token[dot..];
    }

    /// <summary>The payload of a token (it is signed, not encrypted: anyone can read it).</summary>
    public static JsonObject Read(string token) =>
        JsonNode.Parse(Base64Url.DecodeFromChars(token.AsSpan(0, token.IndexOf('.', StringComparison.Ordinal))))!.AsObject();
}
