using System.Text;
using System.Text.Json;

namespace Live.Benchmarks;

/// <summary>JSON states shaped like what components produce (camelCase, keyed items).</summary>
internal static class States
{
    public const int LargeSize = 10_000;

    public static byte[] Small(int count, string label, bool flag) => Encoding.UTF8.GetBytes(
        "{\"count\":" + count + ",\"label\":\"" + label + "\",\"flag\":" + (flag ? "true" : "false")
        + ",\"tags\":[\"a\",\"b\",\"c\",\"d\",\"e\"],\"owner\":{\"name\":\"ada\",\"email\":\"ada@example.com\"}}");

    /// <summary>The 10,000-item list; <paramref name="edit"/> may change an item's JSON by index (null drops it).</summary>
    public static byte[] Large(Func<int, string?>? edit = null, string? append = null)
    {
        var json = new StringBuilder(LargeSize * 48);
        json.Append("""{"items":[""");
        var first = true;
        for (var i = 0; i < LargeSize; i++)
        {
            var item = edit?.Invoke(i) ?? Item(i, done: false);
            if (item.Length == 0)
            {
                continue;
            }

            json.Append(first ? "" : ",").Append(item);
            first = false;
        }

        if (append is not null)
        {
            json.Append(',').Append(append);
        }

        json.Append("]}");
        return Encoding.UTF8.GetBytes(json.ToString());
    }

    public static string Item(int id, bool done) => $$"""{"id":{{id}},"text":"item {{id}}","done":{{(done ? "true" : "false")}}}""";

    public static JsonElement Parse(byte[] json) => JsonDocument.Parse(json).RootElement;
}
