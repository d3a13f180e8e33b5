using System.Text;
using Live.Protocol;

namespace Live.Core.Tests.Protocol;

public sealed class FrameReaderRefreshTests
{
    [Fact]
    public void A_refresh_is_read_with_its_token()
    {
        var (ok, message, error, _) = Read("""{"type":"refresh","id":"9","token":"abc.def.ghi"}""");

        Assert.True(ok, error?.Message);
        Assert.Equal(MessageType.Refresh, message.Type);
        Assert.Equal("9", message.Id);
        Assert.Equal("abc.def.ghi", message.Token);
    }

    [Theory]
    [InlineData("""{"type":"refresh","id":"9"}""", "\"token\" is required")]
    [InlineData("""{"type":"refresh","id":"9","token":null}""", "\"token\" must be a string, not null")]
    [InlineData("""{"type":"refresh","id":"9","token":["a"]}""", "\"token\" must be a string, not an array")]
    [InlineData("""{"type":"refresh","id":"9","token":""}""", "\"token\" must be 1 to 16384 characters")]
    public void A_refresh_without_a_usable_token_is_invalid_request_answering_its_id(string json, string expected)
    {
        var (ok, _, error, errorId) = Read(json);

        Assert.False(ok);
        Assert.Equal(ErrorCodes.InvalidRequest, error!.Code);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Equal("9", errorId);
    }

    [Fact]
    public void A_token_longer_than_the_limit_is_refused()
    {
        var (ok, _, error, _) = Read($$"""{"type":"refresh","id":"9","token":"{{new string('t', FrameReader.MaxTokenLength + 1)}}"}""");

        Assert.False(ok);
        Assert.Equal(ErrorCodes.InvalidRequest, error!.Code);
    }

    [Fact]
    public void A_refresh_needs_a_request_id()
    {
        var (ok, _, error, _) = Read("""{"type":"refresh","token":"t"}""");

        Assert.False(ok);
        Assert.Equal(ErrorCodes.InvalidRequest, error!.Code);
        Assert.Contains("'refresh' message needs", error.Message, StringComparison.Ordinal);
    }

    private static (bool Ok, ClientMessage Message, ProtocolError? Error, string? ErrorId) Read(string json)
    {
        var ok = FrameReader.TryRead(Encoding.UTF8.GetBytes(json), 32, out var message, out var document, out var error, out var errorId);
        document?.Dispose();
        return (ok, message, error, errorId);
    }
}
