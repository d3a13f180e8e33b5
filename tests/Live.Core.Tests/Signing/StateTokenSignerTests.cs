using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Live.Signing;
using Microsoft.Extensions.Time.Testing;

namespace Live.Core.Tests.Signing;

public sealed class StateTokenSignerTests
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(30);
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));
    private readonly SigningKey current = new("k2", RandomNumberGenerator.GetBytes(32));
    private readonly SigningKey previous = new("k1", RandomNumberGenerator.GetBytes(32));

    private StateTokenSigner Signer(params SigningKey[] keys) =>
        new(new SigningKeyRing(keys.Length == 0 ? [current, previous] : keys), new MemoryNonceStore(time), time, MaxAge);

    private static readonly byte[] State = """{"filter":"active","draft":"eggs"}"""u8.ToArray();

    [Fact]
    public async Task A_fresh_token_verifies_and_carries_what_was_signed()
    {
        var signer = Signer();
        var token = signer.Sign("TodoView", "c_abc", 7, State);

        var (status, verified) = await signer.VerifyAsync(token, "TodoView");

        Assert.Equal(TokenVerificationStatus.Valid, status);
        Assert.Equal("k2", verified!.KeyId);
        Assert.Equal("c_abc", verified.InstanceId);
        Assert.Equal(7, verified.Version);
        Assert.Equal(time.GetUtcNow(), verified.IssuedAt);
        Assert.Equal(Encoding.UTF8.GetString(State), Encoding.UTF8.GetString(verified.StateJson.Span));
    }

    [Theory]
    [InlineData("c", "OtherComponent")]
    [InlineData("i", "c_other")]
    [InlineData("ver", 8)]
    [InlineData("iat", 1)]
    [InlineData("n", "another-nonce")]
    [InlineData("s", "tampered")]
    public async Task Changing_any_signed_field_breaks_the_signature(string field, object value)
    {
        var signer = Signer();
        var token = signer.Sign("TodoView", "c_abc", 7, State);

        var tampered = Tamper(token, payload => payload[field] = field == "s"
            ? new JsonObject { ["filter"] = "all", ["draft"] = (string)value }
            : JsonValue.Create(value));

        var (status, _) = await signer.VerifyAsync(tampered, field == "c" ? "OtherComponent" : "TodoView");
        Assert.Equal(TokenVerificationStatus.InvalidSignature, status);
    }

    [Fact]
    public async Task A_flipped_signature_byte_is_refused()
    {
        var signer = Signer();
        var token = signer.Sign("TodoView", "c_abc", 7, State);
        var dot = token.IndexOf('.', StringComparison.Ordinal);
        var mac = Base64Url.DecodeFromChars(token.AsSpan(dot + 1));
        mac[0] ^= 1;

        var (status, _) = await signer.VerifyAsync(token[..(dot + 1)] + Base64Url.EncodeToString(mac), "TodoView");

        Assert.Equal(TokenVerificationStatus.InvalidSignature, status);
    }

    [Theory]
    [InlineData("")]
    [InlineData("no-dot")]
    [InlineData("a.b.c")]
    [InlineData("!!!.???")]
    [InlineData("eyJ2IjoxfQ.")]
    public async Task Malformed_tokens_are_refused_first(string token)
    {
        var (status, _) = await Signer().VerifyAsync(token, "TodoView");
        Assert.Equal(TokenVerificationStatus.Malformed, status);
    }

    [Fact]
    public async Task A_token_from_an_unknown_or_retired_key_is_refused()
    {
        var old = new SigningKey("k0", RandomNumberGenerator.GetBytes(32));
        var token = Signer(old).Sign("TodoView", "c_abc", 7, State);

        var (status, _) = await Signer().VerifyAsync(token, "TodoView");

        Assert.Equal(TokenVerificationStatus.UnknownKey, status);
    }

    [Fact]
    public async Task A_wrong_key_with_a_known_id_fails_the_signature()
    {
        var impostor = new SigningKey("k2", RandomNumberGenerator.GetBytes(32));
        var token = Signer(impostor).Sign("TodoView", "c_abc", 7, State);

        var (status, _) = await Signer().VerifyAsync(token, "TodoView");

        Assert.Equal(TokenVerificationStatus.InvalidSignature, status);
    }

    [Fact]
    public async Task After_rotation_tokens_of_the_previous_key_still_verify()
    {
        var beforeRotation = Signer(previous).Sign("TodoView", "c_abc", 7, State);

        var (status, verified) = await Signer(current, previous).VerifyAsync(beforeRotation, "TodoView");

        Assert.Equal(TokenVerificationStatus.Valid, status);
        Assert.Equal("k1", verified!.KeyId);
    }

    [Fact]
    public async Task Another_components_token_is_refused()
    {
        var signer = Signer();
        var token = signer.Sign("TodoList", "c_abc", 7, State);

        var (status, _) = await signer.VerifyAsync(token, "TodoView");

        Assert.Equal(TokenVerificationStatus.WrongComponent, status);
    }

    [Fact]
    public async Task An_expired_token_is_refused()
    {
        var signer = Signer();
        var token = signer.Sign("TodoView", "c_abc", 7, State);
        time.Advance(MaxAge + TimeSpan.FromSeconds(1));

        var (status, _) = await signer.VerifyAsync(token, "TodoView");

        Assert.Equal(TokenVerificationStatus.Expired, status);
    }

    [Fact]
    public async Task A_token_can_be_used_once()
    {
        var signer = Signer();
        var token = signer.Sign("TodoView", "c_abc", 7, State);

        var (first, _) = await signer.VerifyAsync(token, "TodoView");
        var (second, _) = await signer.VerifyAsync(token, "TodoView");

        Assert.Equal(TokenVerificationStatus.Valid, first);
        Assert.Equal(TokenVerificationStatus.Replayed, second);
    }

    [Fact]
    public void Keys_shorter_than_32_bytes_or_with_odd_ids_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new SigningKey("k", new byte[16]));
        Assert.Throws<ArgumentException>(() => new SigningKey("bad id", new byte[32]));
        Assert.Throws<ArgumentException>(() => new SigningKeyRing([current, new SigningKey("k2", new byte[32])]));
    }

    [Fact]
    public async Task The_memory_nonce_store_forgets_expired_nonces_and_fails_closed_when_full()
    {
        var store = new MemoryNonceStore(time, capacity: 2);
        Assert.True(await store.TryUseAsync("a", time.GetUtcNow().AddMinutes(1)));
        Assert.True(await store.TryUseAsync("b", time.GetUtcNow().AddMinutes(10)));

        Assert.False(await store.TryUseAsync("c", time.GetUtcNow().AddMinutes(1)));
        time.Advance(TimeSpan.FromMinutes(2));
        Assert.True(await store.TryUseAsync("c", time.GetUtcNow().AddMinutes(1)));
        Assert.False(await store.TryUseAsync("b", time.GetUtcNow().AddMinutes(1)));
    }

    private static string Tamper(string token, Action<JsonObject> change)
    {
        var dot = token.IndexOf('.', StringComparison.Ordinal);
        var payload = JsonNode.Parse(Base64Url.DecodeFromChars(token.AsSpan(0, dot)))!.AsObject();
        change(payload);
        return Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload.ToJsonString())) + token[dot..];
    }
}
