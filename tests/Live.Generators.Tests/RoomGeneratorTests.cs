using Live.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace Live.Generators.Tests;

/// <summary>Typed rooms and room events: what the generator emits, and its diagnostics for misuse.</summary>
public sealed class RoomGeneratorTests
{
    private const string Prelude = Samples.Usings + """
        using Live.Rooms;
        namespace Sample;

        public sealed record ChatState { public ImmutableList<string> Lines { get; init; } = []; }

        """;

    private const string Chat = Prelude + """
        [LiveEvent]
        public sealed record ChatLine(string Text, DateTimeOffset At);

        [LiveEvent("typing")]
        public sealed record Typing(bool On);

        [LiveRoom("chat", MaxMembers = 50, AllowClientJoin = true, JoinPolicy = "members")]
        public sealed partial class ChatRoom(IServiceProvider services) : LiveRoom<ChatState>
        {
            public IServiceProvider Services { get; } = services;
        }
        """;

    [Fact]
    public void A_typed_room_gets_a_descriptor_with_its_settings_and_events_their_wire_names()
    {
        var run = GeneratorHarness.RunNamed("Sample", Chat);

        Assert.Empty(run.LiveDiagnostics);
        Assert.Empty(run.CompilationProblems);
        var room = run.GeneratedSource("Sample.ChatRoom.LiveRoom.g.cs");
        Assert.Contains("name: \"chat\",", room, StringComparison.Ordinal);
        Assert.Contains("maxMembers: 50,", room, StringComparison.Ordinal);
        Assert.Contains("allowClientJoin: true,", room, StringComparison.Ordinal);
        Assert.Contains("joinPolicy: \"members\",", room, StringComparison.Ordinal);
        Assert.Contains("protected override global::Sample.ChatState CreateInitialState() => new global::Sample.ChatState();", room, StringComparison.Ordinal);
        var registration = run.GeneratedSource("LiveRoomRegistration.g.cs");
        Assert.Contains("RoomCatalog.Register(global::Sample.ChatRoom.CreateLiveRoomDescriptor());", registration, StringComparison.Ordinal);
        Assert.Contains("EventCatalog.Register(typeof(global::Sample.Typing), \"typing\",", registration, StringComparison.Ordinal);
        Assert.Contains("EventCatalog.Register(typeof(global::Sample.ChatLine), \"ChatLine\",", registration, StringComparison.Ordinal);
        var metadata = run.GeneratedSource("LiveJsonMetadata.g.cs");
        Assert.Contains("typeof(global::Sample.ChatLine)", metadata, StringComparison.Ordinal);
        Assert.Contains("typeof(global::Sample.ChatState)", metadata, StringComparison.Ordinal);
    }

    [Fact]
    public void The_bindings_declare_the_event_map_and_one_defineRoom_per_typed_room()
    {
        var run = GeneratorHarness.RunNamed("Sample", Chat);

        var ts = TypeScriptText.Of(run);

        Assert.Contains("import { defineRoom } from \"@live/client\";", ts, StringComparison.Ordinal);
        Assert.Contains("export interface LiveEvents {\n  ChatLine: ChatLine;\n  typing: Typing;\n}", ts, StringComparison.Ordinal);
        Assert.Contains("export const ChatRoom = defineRoom<ChatState, LiveEvents>(\"chat\");", ts, StringComparison.Ordinal);
        Assert.Contains("export interface ChatLine {\n  text: string;\n  at: string;\n}", ts, StringComparison.Ordinal);
    }

    [Fact]
    public void LIVE023_non_partial_room_is_reported_at_its_name() => AssertSingle("LIVE023", """
        [LiveRoom]
        public sealed class [|Lobby|] : LiveRoom<ChatState> { }
        """);

    [Fact]
    public void LIVE024_attribute_on_a_class_not_deriving_from_LiveRoom_is_reported_at_the_attribute() => AssertSingle("LIVE024", """
        [[|LiveRoom|]]
        public sealed partial class NotARoom { }
        """);

    [Theory]
    [InlineData("[LiveRoom([|\"chat:general\"|])]")]
    [InlineData("[LiveRoom([|\"has space\"|])]")]
    [InlineData("[LiveRoom([|\"\"|])]")]
    public void LIVE025_invalid_room_name_is_reported_at_the_name(string attribute) => AssertSingle("LIVE025", attribute + """

        public sealed partial class Lobby : LiveRoom<ChatState> { }
        """);

    [Theory]
    [InlineData("[LiveRoom([|MaxMembers = -1|])]", "MaxMembers = -1")]
    [InlineData("[LiveRoom([|JoinPolicy = \"admins\"|])]", "set AllowClientJoin = true or remove JoinPolicy")]
    public void LIVE026_invalid_room_settings_are_reported_at_the_setting(string attribute, string expected)
    {
        var message = AssertSingle("LIVE026", attribute + """

            public sealed partial class Lobby : LiveRoom<ChatState> { }
            """);
        Assert.Contains(expected, message, StringComparison.Ordinal);
    }

    [Fact]
    public void LIVE027_invalid_event_name_is_reported_at_the_name() => AssertSingle("LIVE027", """
        [LiveEvent([|"not valid!"|])]
        public sealed record Ping(int N);
        """);

    [Fact]
    public void LIVE012_a_room_state_that_is_not_a_record_is_reported() => AssertSingle("LIVE012", """
        public sealed class NotRecord { }
        [LiveRoom]
        public sealed partial class [|Lobby|] : LiveRoom<NotRecord> { }
        """);

    private static string AssertSingle(string id, string marked)
    {
        var (source, span) = Markup.Parse(Prelude + marked);

        var run = GeneratorHarness.Run(source);

        var diagnostic = Assert.Single(run.LiveDiagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal(span, diagnostic.Location.SourceSpan);
        return diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
    }
}
