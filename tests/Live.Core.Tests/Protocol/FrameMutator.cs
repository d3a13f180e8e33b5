using System.Text;

namespace Live.Core.Tests.Protocol;

/// <summary>
/// Produces hostile frames for fuzzing: valid protocol frames mutated byte by byte, truncated, re-nested,
/// with duplicated or retyped members, or plain random bytes. Deterministic for a seed. Request ids start with 'z'
/// so they never collide with the ids a client library generates on the same connection.
/// </summary>
public sealed class FrameMutator(int seed)
{
    private static readonly string[] Templates =
    [
        """{"type":"mount","id":"z1","component":"Counter"}""",
        """{"type":"mount","id":"z2","component":"Counter","props":{"greeting":"hi","n":[1,2,{"a":null}]}}""",
        """{"type":"action","id":"z3","instance":"c_x","action":"add","args":{"amount":5}}""",
        """{"type":"action","id":"z4","instance":"c_x","action":"echo","args":{"items":[{"name":"a","quantity":1,"tags":["x"]}]}}""",
        """{"type":"unmount","id":"z5","instance":"c_x"}""",
        """{"type":"resync","id":"z6","instance":"c_x"}""",
        """{"type":"ping"}""",
        """{"type":"rehydrate","id":"z7","component":"Counter","token":"eyJ2IjoxfQ.AAAA","props":{"a":1}}""",
        """{"type":"resume","id":"z8","instance":"c_x","resume":"c2VjcmV0","version":12}""",
    ];

    private static readonly string[] Fragments =
    [
        "{", "}", "[", "]", ",", ":", "\"", "\\", "\\u0000", "\\ud800", "null", "true", "1e309", "-0", "99999999999999999999999",
        "\"type\"", "\"id\"", "\"instance\"", "\"args\"", "\"action\"", "\"mount\"", "\"token\"", "\"version\"", "\"resume\"", "NaN", "\u00ff", "\ud83d\ude00",
    ];

    private readonly Random random = new(seed);

    /// <summary>The instance id to put into action frames (a real one, to reach the dispatcher's deeper paths).</summary>
    public string InstanceId { get; set; } = "c_x";

    public byte[] Next()
    {
        var template = Templates[random.Next(Templates.Length)].Replace("c_x", InstanceId, StringComparison.Ordinal);
        return random.Next(10) switch
        {
            0 => RandomBytes(),
            1 => Truncate(template),
            2 => Deepen(template),
            3 => DuplicateMember(template),
            4 => Utf8(template),
            _ => Mutate(template),
        };
    }

    private byte[] RandomBytes()
    {
        var bytes = new byte[random.Next(0, 200)];
        random.NextBytes(bytes);
        return bytes;
    }

    private byte[] Truncate(string template) => Utf8(template[..random.Next(template.Length)]);

    private byte[] Deepen(string template)
    {
        var depth = random.Next(1, 300);
        var open = random.Next(2) == 0 ? "[" : "{\"a\":";
        var close = open == "[" ? "]" : "}";
        var nested = string.Concat(Enumerable.Repeat(open, depth)) + "1" + string.Concat(Enumerable.Repeat(close, depth));
        return Utf8(template.Insert(template.Length - 1, ",\"props\":" + nested));
    }

    private byte[] DuplicateMember(string template)
    {
        var member = random.Next(2) == 0 ? "\"id\":\"dup\"" : "\"type\":\"ping\"";
        return Utf8(template.Insert(1, member + ","));
    }

    private byte[] Mutate(string template)
    {
        var text = new StringBuilder(template);
        var edits = random.Next(1, 6);
        for (var i = 0; i < edits; i++)
        {
            var position = random.Next(text.Length + 1);
            switch (random.Next(4))
            {
                case 0 when text.Length > 0 && position < text.Length:
                    text.Remove(position, 1);
                    break;
                case 1:
                    text.Insert(position, Fragments[random.Next(Fragments.Length)]);
                    break;
                case 2 when text.Length > 0 && position < text.Length:
                    text[position] = (char)random.Next(32, 127);
                    break;
                default:
                    // Retype a value: numbers to strings, objects to arrays and back.
                    text.Replace(":5", ":\"5\"").Replace(":{", ":[").Replace("\"hi\"", "12");
                    break;
            }
        }

        return Utf8(text.ToString());
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
