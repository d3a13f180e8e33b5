using System.Text;
using Live.Protocol;

namespace Live.Core.Tests.Protocol;

public sealed class FrameReaderPresenceTests
{
    [Theory]
    [InlineData("away", true)]
    [InlineData("online", false)]
    public void A_presence_message_is_read_with_its_room_and_status(string status, bool away)
    {
        var (ok, message, error, _) = Read($$"""{"type":"presence","id":"7","room":"todos","status":"{{status}}"}""");

        Assert.True(ok, error?.Message);
        Assert.Equal(MessageType.Presence, message.Type);
        Assert.Equal("7", message.Id);
        Assert.Equal("todos", message.Room);
        Assert.Equal(away, message.Away);
    }

    [Theory]
    [InlineData("""{"type":"presence","id":"7","status":"away"}""", "\"room\" is required")]
    [InlineData("""{"type":"presence","id":"7","room":"todos"}""", "\"status\" is required")]
    [InlineData("""{"type":"presence","id":"7","room":"todos","status":"offline"}""", "\"status\" must be \"online\" or \"away\"")]
    [InlineData("""{"type":"presence","id":"7","room":"todos","status":"Away"}""", "\"status\" must be \"online\" or \"away\"")]
    [InlineData("""{"type":"presence","id":"7","room":"todos","status":true}""", "\"status\" must be a string")]
    [InlineData("""{"type":"presence","id":"7","room":"todos","status":{}}""", "\"status\" must be a string")]
    [InlineData("""{"type":"presence","id":"7","room":["todos"],"status":"away"}""", "\"room\" must be a string")]
    public void A_presence_message_without_a_usable_room_or_status_is_invalid_request_answering_its_id(string json, string expected)
    {
        var (ok, _, error, errorId) = Read(json);

        Assert.False(ok);
        Assert.Equal(ErrorCodes.InvalidRequest, error!.Code);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Equal("7", errorId);
    }

    [Fact]
    public void A_presence_message_without_an_id_is_refused_without_one()
    {
        var (ok, _, error, errorId) = Read("""{"type":"presence","room":"todos","status":"away"}""");

        Assert.False(ok);
        Assert.Equal(ErrorCodes.InvalidRequest, error!.Code);
        Assert.Contains("'presence' message needs", error.Message, StringComparison.Ordinal);
        Assert.Null(errorId);
    }

    [Fact]
    public void An_oversized_status_is_refused_without_echoing_it()
    {
        var (ok, _, error, _) = Read($$"""{"type":"presence","id":"7","room":"todos","status":"{{new string('s', 100_000)}}"}""");

        Assert.False(ok);
        Assert.Equal(ErrorCodes.InvalidRequest, error!.Code);
        Assert.True(error.Message.Length < 200, error.Message);
    }

    private static (bool Ok, ClientMessage Message, ProtocolError? Error, string? ErrorId) Read(string json)
    {
        var ok = FrameReader.TryRead(Encoding.UTF8.GetBytes(json), 32, out var message, out var document, out var error, out var errorId);
        document?.Dispose();
        return (ok, message, error, errorId);
    }
}
