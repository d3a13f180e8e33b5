using System.Collections.Immutable;

namespace Live.TestServer.Components;

public sealed record SharedListState
{
    public ImmutableList<ListItem> Items { get; init; } = [];

    /// <summary>Counters by free-form key: keys with '/' and '~' exercise JSON Pointer escaping in patches.</summary>
    public ImmutableSortedDictionary<string, int> Tallies { get; init; } = ImmutableSortedDictionary<string, int>.Empty;

    public int NextId { get; init; } = 1;
}

public sealed record ListItem(int Id, string Text, bool Done);

/// <summary>
/// A singleton keyed list every connection shares; items diff by <see cref="ListItem.Id"/>. Kept alive when the last
/// connection leaves, so its state outlives a server-side close of every connection.
/// </summary>
[LiveComponent(Singleton = true, KeepAlive = true)]
public sealed partial class SharedList : LiveComponent<SharedListState>
{
    /// <summary>Inserts an item at <paramref name="index"/> (appends when omitted or past the end); returns its id.</summary>
    [PublicAction]
    public int Add(string text, int? index = null)
    {
        var item = new ListItem(NextId, text, Done: false);
        NextId++;
        Items = index is { } at && at >= 0 && at < Items.Count ? Items.Insert(at, item) : Items.Add(item);
        return item.Id;
    }

    /// <summary>Flips an item's Done; returns the new value.</summary>
    [PublicAction]
    public bool Toggle(int id)
    {
        var (index, item) = Find(id);
        Items = Items.SetItem(index, item with { Done = !item.Done });
        return !item.Done;
    }

    [PublicAction]
    public void Rename(int id, string text)
    {
        var (index, item) = Find(id);
        Items = Items.SetItem(index, item with { Text = text });
    }

    [PublicAction]
    public void Remove(int id) => Items = Items.RemoveAt(Find(id).Index);

    /// <summary>Moves an item to <paramref name="index"/> (clamped).</summary>
    [PublicAction]
    public void Move(int id, int index)
    {
        var (from, item) = Find(id);
        var rest = Items.RemoveAt(from);
        Items = rest.Insert(Math.Clamp(index, 0, rest.Count), item);
    }

    /// <summary>Adds <paramref name="delta"/> to a tally; a tally that reaches 0 is removed.</summary>
    [PublicAction]
    public int Tally(string key, int delta)
    {
        var value = Tallies.GetValueOrDefault(key) + delta;
        Tallies = value == 0 ? Tallies.Remove(key) : Tallies.SetItem(key, value);
        return value;
    }

    [PublicAction]
    public int Count() => Items.Count;

    [PublicAction]
    public void Clear() => State = new SharedListState { NextId = NextId };

    private (int Index, ListItem Item) Find(int id)
    {
        var index = Items.FindIndex(i => i.Id == id);
        return index >= 0 ? (index, Items[index]) : throw new ArgumentException($"No item {id}.", nameof(id));
    }
}
