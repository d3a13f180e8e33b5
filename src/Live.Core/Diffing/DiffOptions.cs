using System.Text;

namespace Live.Diffing;

/// <summary>
/// Settings of the diff engine: which member names identify the items of a list, so such lists are diffed by key
/// (one op per changed, inserted, removed or moved item) instead of by position.
/// </summary>
/// <remarks>
/// Names are JSON member names as the serializer writes them (after the naming policy), e.g. <c>id</c> or, for a
/// <c>[LiveKey] Sku</c> member under camelCase, <c>sku</c>. Order is priority: the first name present in a list's
/// first item is the key of that whole list. Correctness never depends on the choice (a key that turns out not to be
/// unique makes the engine fall back to positional diffing); only the size of patches does.
/// Instances are immutable and safe to share between threads.
/// </remarks>
internal sealed class DiffOptions
{
    /// <summary>The JSON name every <c>Id</c> member gets under the default camelCase policy.</summary>
    public const string DefaultKeyMemberName = "id";

    /// <summary>Options with the single key name <c>id</c>.</summary>
    public static DiffOptions Default { get; } = new([DefaultKeyMemberName]);

    // UTF-8 copies so key lookups compare spans (JsonElement.TryGetProperty(ReadOnlySpan<byte>)) without allocating.
    private readonly byte[][] _utf8KeyNames;

    /// <summary>Creates options with exactly these key member names, highest priority first.</summary>
    public DiffOptions(IEnumerable<string> keyMemberNames)
    {
        ArgumentNullException.ThrowIfNull(keyMemberNames);
        var names = new List<string>();
        foreach (var name in keyMemberNames)
        {
            ArgumentException.ThrowIfNullOrEmpty(name, nameof(keyMemberNames));
            if (!names.Contains(name))
            {
                names.Add(name);
            }
        }

        KeyMemberNames = names.AsReadOnly();
        _utf8KeyNames = new byte[names.Count][];
        for (var i = 0; i < names.Count; i++)
        {
            _utf8KeyNames[i] = Encoding.UTF8.GetBytes(names[i]);
        }
    }

    /// <summary>The key member names, highest priority first.</summary>
    public IReadOnlyList<string> KeyMemberNames { get; }

    /// <summary>
    /// Returns options whose key names are <paramref name="additionalKeyMemberNames"/> (e.g. the JSON names of
    /// <c>[LiveKey]</c> members) followed by this instance's names. Explicit keys come first because an author who
    /// marked a member wants it to win over a member that merely happens to be called <c>id</c>.
    /// </summary>
    public DiffOptions WithKeyMemberNames(IEnumerable<string> additionalKeyMemberNames)
    {
        ArgumentNullException.ThrowIfNull(additionalKeyMemberNames);
        var names = new List<string>(additionalKeyMemberNames);
        names.AddRange(KeyMemberNames);
        return new DiffOptions(names);
    }

    internal ReadOnlySpan<byte[]> Utf8KeyNames => _utf8KeyNames;
}
