using System.Text;
using Live.Protocol;

namespace Live.Core.Tests.Protocol;

public sealed class FrameReaderTests
{
    private static (bool Ok, ClientMessage Message, ProtocolError? Error, string? ErrorId) Read(string json, int maxDepth = 32)
    {
        var ok = FrameReader.TryRead(Encoding.UTF8.GetBytes(json), maxDepth, out var message, out var document, out var error, out var errorId);
        document?.Dispose();
        return (ok, message, error, errorId);
    }

    [Fact]
    public void Action_message_is_read_with_all_members()
    {
        var (ok, message, error, _) = Read("""{"type":"action","id":"7","instance":"c_1","action":"add","args":{"text":"milk"}}""");
        Assert.True(ok, error?.Message);
        Assert.Equal(MessageType.Action, message.Type);
        Assert.Equal("7", message.Id);
        Assert.Equal("c_1", message.Instance);
        Assert.Equal("add", message.Action);
    }

    [Fact]
    public void Rehydrate_message_is_read_with_its_token_and_props()
    {
        var frame = Encoding.UTF8.GetBytes("""{"type":"rehydrate","id":"8","component":"TodoView","token":"abc.def","props":{"list":"x"}}""");
        var ok = FrameReader.TryRead(frame, 32, out var message, out var document, out var error, out _);
        using (document)
        {
            Assert.True(ok, error?.Message);
            Assert.Equal(MessageType.Rehydrate, message.Type);
            Assert.Equal("TodoView", message.Component);
            Assert.Equal("abc.def", message.Token);
            Assert.Equal("x", message.Props.GetProperty("list").GetString());
        }
    }

    [Fact]
    public void Resume_message_is_read_with_its_secret_and_version()
    {
        var (ok, message, error, _) = Read("""{"type":"resume","id":"9","instance":"c_1","resume":"s3cret","version":17}""");
        Assert.True(ok, error?.Message);
        Assert.Equal(MessageType.Resume, message.Type);
        Assert.Equal("c_1", message.Instance);
        Assert.Equal("s3cret", message.Resume);
        Assert.Equal(17, message.Version);
    }

    [Theory]
    [InlineData("""{"type":"resume","id":"9","instance":"c_1","resume":"s","version":9223372036854775808}""", "version")]
    [InlineData("""{"type":"resume","id":"9","instance":"c_1","resume":"s","version":null}""", "version")]
    [InlineData("""{"type":"resume","id":"9","instance":"c_1","resume":"","version":1}""", "resume")]
    [InlineData("""{"type":"rehydrate","id":"9","component":"","token":"a.b"}""", "component")]
    [InlineData("""{"type":"rehydrate","id":"9","component":"C","token":["a"]}""", "token")]
    public void Reconnect_messages_with_bad_members_name_the_member(string json, string member)
    {
        var (ok, _, error, errorId) = Read(json);
        Assert.False(ok);
        Assert.Equal(ErrorCodes.InvalidRequest, error!.Code);
        Assert.Equal("9", errorId);
        Assert.Contains($"\"{member}\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_overlong_resume_secret_is_refused()
    {
        var (ok, _, error, _) = Read($$"""{"type":"resume","id":"9","instance":"c_1","resume":"{{new string('a', 257)}}","version":1}""");
        Assert.False(ok);
        Assert.Contains("\"resume\"", error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ping_needs_no_id()
    {
        var (ok, message, _, _) = Read("""{"type":"ping"}""");
        Assert.True(ok);
        Assert.Equal(MessageType.Ping, message.Type);
    }

    [Theory]
    [InlineData("{\"type\":\"mount\"")]
    [InlineData("not json")]
    [InlineData("{\"type\":\"mount\",}")]
    [InlineData("")]
    public void Malformed_or_truncated_json_is_a_bad_frame(string json)
    {
        var (ok, _, error, _) = Read(json);
        Assert.False(ok);
        Assert.Equal(ErrorCodes.BadFrame, error!.Code);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("42")]
    [InlineData("\"mount\"")]
    [InlineData("null")]
    public void Non_object_frames_are_bad_frames(string json)
    {
        var (ok, _, error, _) = Read(json);
        Assert.False(ok);
        Assert.Equal(ErrorCodes.BadFrame, error!.Code);
    }

    [Fact]
    public void Duplicate_members_are_refused()
    {
        var (ok, _, error, _) = Read("""{"type":"mount","id":"1","component":"A","component":"B"}""");
        Assert.False(ok);
        Assert.Equal(ErrorCodes.BadFrame, error!.Code);
        Assert.Contains("duplicate", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Nesting_deeper_than_the_limit_is_refused_with_the_limit_named()
    {
        var deep = "{\"type\":\"mount\",\"id\":\"1\",\"component\":\"A\",\"props\":" + new string('[', 40) + new string(']', 40) + "}";
        var (ok, _, error, _) = Read(deep, maxDepth: 16);
        Assert.False(ok);
        Assert.Equal(ErrorCodes.BadFrame, error!.Code);
        Assert.Contains("16", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"id":"1"}""")]
    [InlineData("""{"type":42,"id":"1"}""")]
    [InlineData("""{"type":"explode","id":"1"}""")]
    public void Missing_or_unknown_type_answers_unknown_type_with_the_request_id(string json)
    {
        var (ok, _, error, errorId) = Read(json);
        Assert.False(ok);
        Assert.Equal(ErrorCodes.UnknownType, error!.Code);
        Assert.Equal("1", errorId);
    }

    [Theory]
    [InlineData("""{"type":"mount","id":"1"}""", "component")]
    [InlineData("""{"type":"action","id":"1","action":"x"}""", "instance")]
    [InlineData("""{"type":"action","id":"1","instance":"c"}""", "action")]
    [InlineData("""{"type":"unmount","id":"1"}""", "instance")]
    [InlineData("""{"type":"resync","id":"1"}""", "instance")]
    public void Missing_required_members_are_named(string json, string member)
    {
        var (ok, _, error, errorId) = Read(json);
        Assert.False(ok);
        Assert.Equal(ErrorCodes.InvalidRequest, error!.Code);
        Assert.Contains(member, error.Message, StringComparison.Ordinal);
        Assert.Equal("1", errorId);
    }

    [Theory]
    [InlineData("""{"type":"mount","id":"1","component":7}""", "component")]
    [InlineData("""{"type":"action","id":"1","instance":"c","action":"a","args":[1,2]}""", "args")]
    [InlineData("""{"type":"action","id":"1","instance":"c","action":"a","args":"x"}""", "args")]
    [InlineData("""{"type":"mount","id":"1","component":"A","props":5}""", "props")]
    public void Members_of_the_wrong_json_type_are_named(string json, string member)
    {
        var (ok, _, error, _) = Read(json);
        Assert.False(ok);
        Assert.Equal(ErrorCodes.InvalidRequest, error!.Code);
        Assert.Contains(member, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"type":"mount","component":"A"}""")]
    [InlineData("""{"type":"mount","id":"","component":"A"}""")]
    [InlineData("""{"type":"mount","id":5,"component":"A"}""")]
    public void Requests_without_a_valid_id_are_refused(string json)
    {
        var (ok, _, error, errorId) = Read(json);
        Assert.False(ok);
        Assert.Equal(ErrorCodes.InvalidRequest, error!.Code);
        Assert.Null(errorId);
    }

    [Fact]
    public void An_overlong_id_is_refused()
    {
        var (ok, _, error, _) = Read($$"""{"type":"mount","id":"{{new string('x', 65)}}","component":"A"}""");
        Assert.False(ok);
        Assert.Equal(ErrorCodes.InvalidRequest, error!.Code);
    }

    [Fact]
    public void A_huge_unknown_type_is_not_echoed_in_full()
    {
        var (ok, _, error, _) = Read($$"""{"type":"{{new string('z', 5000)}}","id":"1"}""");
        Assert.False(ok);
        Assert.True(error!.Message.Length < 300, error.Message);
    }

    [Fact]
    public void Null_args_and_props_count_as_absent()
    {
        var (ok, message, _, _) = Read("""{"type":"action","id":"1","instance":"c","action":"a","args":null}""");
        Assert.True(ok);
        Assert.Equal(System.Text.Json.JsonValueKind.Undefined, message.Args.ValueKind);
    }
}

public sealed class FrameReaderIdSalvageTests
{
    [Theory]
    [InlineData("""{"type":"mount","id":"r9","component":"A","component":"B"}""")]
    [InlineData("""{"id":"r9","type":"mount","props":{"a":""")]
    [InlineData("""{"props":{"deep":[1,[2]]},"id":"r9","type":"mount",""")]
    public void A_frame_that_fails_to_parse_still_answers_its_request_id(string json)
    {
        var ok = FrameReader.TryRead(Encoding.UTF8.GetBytes(json), 32, out _, out var document, out var error, out var errorId);
        document?.Dispose();
        Assert.False(ok);
        Assert.Equal(ErrorCodes.BadFrame, error!.Code);
        Assert.Equal("r9", errorId);
    }
}

public sealed class FrameReaderEscapeTests
{
    [Theory]
    [InlineData("""{"type":"mount","id":"1","component":"\ud800"}""")]
    [InlineData("""{"type":"\udc00","id":"1"}""")]
    [InlineData("""{"type":"mount","id":"\ud800x","component":"A"}""")]
    [InlineData("""{"\ud800":1,"\ud800":2}""")]
    public void A_lone_surrogate_escape_is_a_bad_frame_not_a_crash(string json)
    {
        var ok = FrameReader.TryRead(Encoding.UTF8.GetBytes(json), 32, out _, out var document, out var error, out _);
        Assert.False(ok);
        Assert.Null(document);
        Assert.Equal(ErrorCodes.BadFrame, error!.Code);
    }
}
