using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Live.Signing;

namespace Live.Benchmarks;

/// <summary>Signing and verifying state tokens (<c>Signing/StateTokenSigner</c>), for a small and a 10,000-item state.</summary>
[MemoryDiagnoser]
public class SigningBenchmarks
{
    private static readonly byte[] SmallState = States.Small(1, "counter", flag: false);
    private static readonly byte[] LargeState = States.Large();
    private StateTokenSigner signer = null!;
    private string smallToken = null!;
    private string largeToken = null!;

    [GlobalSetup]
    public void Setup()
    {
        signer = new StateTokenSigner(
            new SigningKeyRing([new SigningKey("bench", RandomNumberGenerator.GetBytes(32))]),
            new AlwaysFreshNonces(),
            TimeProvider.System,
            TimeSpan.FromMinutes(30));
        smallToken = signer.Sign("Counter", "c_5Jw8Qm3kTnYp0aR2uVxZbC", 42, SmallState);
        largeToken = signer.Sign("BenchList", "c_5Jw8Qm3kTnYp0aR2uVxZbC", 42, LargeState);
    }

    [Benchmark(Description = "sign, small state")]
    public string SignSmall() => signer.Sign("Counter", "c_5Jw8Qm3kTnYp0aR2uVxZbC", 42, SmallState);

    [Benchmark(Description = "verify, small state")]
    public async Task<bool> VerifySmall() => (await signer.VerifyAsync(smallToken, "Counter")).Status == TokenVerificationStatus.Valid;

    [Benchmark(Description = "sign, 10k-item state")]
    public string SignLarge() => signer.Sign("BenchList", "c_5Jw8Qm3kTnYp0aR2uVxZbC", 42, LargeState);

    [Benchmark(Description = "verify, 10k-item state")]
    public async Task<bool> VerifyLarge() => (await signer.VerifyAsync(largeToken, "BenchList")).Status == TokenVerificationStatus.Valid;

    /// <summary>Verification uses each nonce once; the benchmark verifies one token repeatedly.</summary>
    private sealed class AlwaysFreshNonces : INonceStore
    {
        public ValueTask<bool> TryUseAsync(string nonce, DateTimeOffset expiresAt, CancellationToken cancellationToken = default) => ValueTask.FromResult(true);
    }
}
