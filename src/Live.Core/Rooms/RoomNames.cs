namespace Live.Rooms;

/// <summary>
/// The rules for room names: 1 to <see cref="MaxLength"/> characters from <c>A–Z a–z 0–9 - _ . : @</c>. A name's part
/// before the first <c>:</c> selects a typed room registered under that name (<c>chat:general</c> is a <c>chat</c> room).
/// </summary>
internal static class RoomNames
{
    /// <summary>The longest room name accepted.</summary>
    public const int MaxLength = 128;

    /// <summary>Why <paramref name="name"/> is not a valid room name, or <see langword="null"/> when it is.</summary>
    public static string? Validate(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return "A room name must not be empty.";
        }

        if (name.Length > MaxLength)
        {
            return $"A room name must be at most {MaxLength} characters long (this one has {name.Length}).";
        }

        foreach (var c in name)
        {
            if (!IsAllowed(c))
            {
                return $"The room name '{Printable(name)}' contains a character that is not allowed; use letters, digits and - _ . : @ only.";
            }
        }

        return null;
    }

    /// <summary>The part before the first <c>:</c> (the whole name when there is none).</summary>
    public static string Kind(string name)
    {
        var colon = name.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? name : name[..colon];
    }

    private static bool IsAllowed(char c) =>
        c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '-' or '_' or '.' or ':' or '@';

    private static string Printable(string name)
    {
        var shortened = name.Length <= 64 ? name : name[..64] + "…";
        return string.Create(shortened.Length, shortened, static (span, text) =>
        {
            for (var i = 0; i < text.Length; i++)
            {
                span[i] = char.IsControl(text[i]) ? '?' : text[i];
            }
        });
    }
}
