namespace Live.Generators.Components;

/// <summary>The wire-name rules shared by components and actions (mirrored in docs/diagnostics.md, LIVE010 and LIVE016).</summary>
internal static class NameRules
{
    public const int MaxLength = 100;

    public static bool IsValidWireName(string? name)
    {
        if (name is null || name.Length == 0 || name.Length > MaxLength)
        {
            return false;
        }

        foreach (var c in name)
        {
            var ok = c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_' or '.' or '-';
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The default action wire name: the method name with its first letter lower-cased.</summary>
    public static string ToActionWireName(string methodName) =>
        methodName.Length == 0 ? methodName : char.ToLowerInvariant(methodName[0]) + methodName.Substring(1);
}
