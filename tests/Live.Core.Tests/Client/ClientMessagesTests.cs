using System.Text;
using System.Text.Json;
using Live.Client.Protocol;

namespace Live.Core.Tests.Client;

/// <summary>
/// Client frames are written with one reused writer per thread: every frame must still be its own, exact JSON, also
/// after a large one.
/// </summary>
public sealed class ClientMessagesTests
{
    [Fact]
    public void Consecutive_frames_are_independent_arrays_and_the_first_is_not_overwritten_by_the_second()
    {
        var first = ClientMessages.Action("1", "c_1", "add", default);
        var second = ClientMessages.Action("2", "c_22", "remove", default);

        Assert.Equal("""{"type":"action","id":"1","instance":"c_1","action":"add"}""", Encoding.UTF8.GetString(first.Span));
        Assert.Equal("""{"type":"action","id":"2","instance":"c_22","action":"remove"}""", Encoding.UTF8.GetString(second.Span));
    }

    [Fact]
    public void A_small_frame_after_a_large_one_is_exactly_the_small_frame()
    {
        using var props = JsonDocument.Parse($$"""{"text":"{{new string('x', 100_000)}}"}""");
        var large = ClientMessages.Mount("3", "Todo", props.RootElement);
        var small = ClientMessages.Unmount("4", "c_1");

        Assert.InRange(large.Length, 100_000, 100_100);
        Assert.Equal("""{"type":"unmount","id":"4","instance":"c_1"}""", Encoding.UTF8.GetString(small.Span));
        using var parsed = JsonDocument.Parse(large);
        Assert.Equal(100_000, parsed.RootElement.GetProperty("props").GetProperty("text").GetString()!.Length);
    }

    [Fact]
    public void Arguments_are_written_as_given()
    {
        using var args = JsonDocument.Parse("""{"amount":2}""");

        var frame = ClientMessages.Action("5", "c_1", "add", args.RootElement);

        Assert.Equal("""{"type":"action","id":"5","instance":"c_1","action":"add","args":{"amount":2}}""", Encoding.UTF8.GetString(frame.Span));
    }
}
