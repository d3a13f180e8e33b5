using Live.Connections;

namespace Live.Core.Tests.Connections;

public sealed class PendingRequestIdsTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(PendingRequestIds.ArrayLimit)]
    [InlineData(PendingRequestIds.ArrayLimit + 1)] // past the array: the hash set takes over with what was there
    [InlineData(100)]
    public void Ids_added_are_found_until_removed_whatever_their_number(int n)
    {
        var ids = new PendingRequestIds();
        var all = Enumerable.Range(0, n).Select(i => "r" + i).ToArray();
        foreach (var id in all)
        {
            ids.Add(id);
        }

        Assert.Equal(n, ids.Count);
        Assert.All(all, id => Assert.True(ids.Contains(id)));
        Assert.False(ids.Contains("other"));

        foreach (var id in all.Where((_, i) => i % 2 == 0))
        {
            ids.Remove(id);
        }

        Assert.Equal(n / 2, ids.Count);
        Assert.All(all, id => Assert.Equal(int.Parse(id[1..], System.Globalization.CultureInfo.InvariantCulture) % 2 == 1, ids.Contains(id)));
    }

    [Fact]
    public void Removing_an_unknown_id_changes_nothing_and_ids_are_compared_exactly()
    {
        var ids = new PendingRequestIds();
        ids.Add("a");

        ids.Remove("A");
        ids.Remove("b");

        Assert.Equal(1, ids.Count);
        Assert.True(ids.Contains("a"));
        Assert.False(ids.Contains("A"));
    }

    [Fact]
    public void A_removed_slot_is_reused_without_losing_the_others()
    {
        var ids = new PendingRequestIds();
        ids.Add("1");
        ids.Add("2");
        ids.Add("3");

        ids.Remove("1");
        ids.Add("4");

        Assert.Equal(3, ids.Count);
        Assert.True(ids.Contains("2") && ids.Contains("3") && ids.Contains("4"));
        Assert.False(ids.Contains("1"));
    }
}
