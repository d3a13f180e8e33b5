using Live.Rooms;

namespace Live.Core.Tests.Rooms;

public sealed class RoomNamesTests
{
    [Theory]
    [InlineData("chat")]
    [InlineData("chat:general")]
    [InlineData("doc:2026-01.v2_draft@team")]
    public void Names_from_the_allowed_characters_are_valid(string name) => Assert.Null(RoomNames.Validate(name));

    [Theory]
    [InlineData("", "must not be empty")]
    [InlineData("a b", "not allowed")]
    [InlineData("a/b", "not allowed")]
    [InlineData("ä", "not allowed")]
    [InlineData("a\u0000b", "not allowed")]
    public void Other_names_are_refused_with_a_reason(string name, string reason) =>
        Assert.Contains(reason, RoomNames.Validate(name), StringComparison.Ordinal);

    [Fact]
    public void Names_longer_than_128_characters_are_refused()
    {
        Assert.Null(RoomNames.Validate(new string('a', 128)));
        Assert.Contains("at most 128", RoomNames.Validate(new string('a', 129)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("chat:general", "chat")]
    [InlineData("chat", "chat")]
    [InlineData("a:b:c", "a")]
    public void The_kind_is_the_part_before_the_first_colon(string name, string kind) => Assert.Equal(kind, RoomNames.Kind(name));

    [Theory]
    [InlineData("lobby:*", "lobby:1", true)]
    [InlineData("lobby:*", "lobbyist", false)]
    [InlineData("exact", "exact", true)]
    [InlineData("exact", "exact:1", false)]
    public void Join_rules_match_exact_names_or_prefixes(string pattern, string room, bool matches) =>
        Assert.Equal(matches, new RoomJoinRule(pattern).Matches(room));
}
