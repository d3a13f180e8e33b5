using System.Text.Json;
using CsCheck;
using Live.Protocol;

namespace Live.Core.Tests.Protocol;

/// <summary>
/// Fuzzes the frame parser: no frame, however broken, may throw, hang or produce a message missing what its type
/// requires. CI runs a bounded number of cases; set LIVE_FUZZ_CASES to run more by hand
/// (e.g. <c>LIVE_FUZZ_CASES=1000000 dotnet test tests/Live.Core.Tests --filter FrameReaderFuzzTests</c>).
/// </summary>
public sealed class FrameReaderFuzzTests
{
    private static readonly long Cases = long.TryParse(Environment.GetEnvironmentVariable("LIVE_FUZZ_CASES"), out var n) ? n : 20_000;

    [Fact]
    public void No_frame_makes_the_reader_throw_and_every_accepted_frame_is_complete()
    {
        Gen.Int.Sample(seed =>
        {
            var frame = new FrameMutator(seed).Next();
            var ok = FrameReader.TryRead(frame, 32, out var message, out var document, out var error, out var errorId);
            using (document)
            {
                if (!ok)
                {
                    Assert.NotNull(error);
                    Assert.False(string.IsNullOrWhiteSpace(error.Message));
                    Assert.Null(document);
                    Assert.True(errorId is null || errorId.Length is > 0 and <= FrameReader.MaxRequestIdLength);
                    return;
                }

                Assert.NotNull(document);
                switch (message.Type)
                {
                    case MessageType.Mount:
                        Assert.False(string.IsNullOrEmpty(message.Component));
                        Assert.NotNull(message.Id);
                        break;
                    case MessageType.Action:
                        Assert.False(string.IsNullOrEmpty(message.Instance));
                        Assert.False(string.IsNullOrEmpty(message.Action));
                        Assert.True(message.Args.ValueKind is JsonValueKind.Undefined or JsonValueKind.Object);
                        break;
                    case MessageType.Unmount or MessageType.Resync:
                        Assert.False(string.IsNullOrEmpty(message.Instance));
                        break;
                    case MessageType.Rehydrate:
                        Assert.False(string.IsNullOrEmpty(message.Component));
                        Assert.False(string.IsNullOrEmpty(message.Token));
                        Assert.True(message.Props.ValueKind is JsonValueKind.Undefined or JsonValueKind.Object);
                        break;
                    case MessageType.Resume:
                        Assert.False(string.IsNullOrEmpty(message.Instance));
                        Assert.False(string.IsNullOrEmpty(message.Resume));
                        Assert.True(message.Version >= 0);
                        break;
                }
            }
        }, iter: Cases);
    }

    [Fact]
    public void Any_error_serializes_to_a_valid_error_frame()
    {
        Gen.Int.Sample(seed =>
        {
            var frame = new FrameMutator(seed).Next();
            if (!FrameReader.TryRead(frame, 32, out _, out var document, out var error, out var errorId))
            {
                using var parsed = JsonDocument.Parse(ServerMessages.Error(errorId, error!));
                Assert.Equal("error", parsed.RootElement.GetProperty("type").GetString());
                Assert.Equal(error!.Code, parsed.RootElement.GetProperty("code").GetString());
            }

            document?.Dispose();
        }, iter: Math.Min(Cases, 5_000));
    }
}
