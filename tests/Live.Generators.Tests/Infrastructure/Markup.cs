using Microsoft.CodeAnalysis.Text;

namespace Live.Generators.Tests.Infrastructure;

/// <summary>Reads a source with one <c>[|...|]</c> marker: the span a diagnostic is expected at.</summary>
internal static class Markup
{
    public static (string Source, TextSpan Span) Parse(string marked)
    {
        var start = marked.IndexOf("[|", StringComparison.Ordinal);
        var end = marked.IndexOf("|]", StringComparison.Ordinal);
        if (start < 0 || end < start)
        {
            throw new ArgumentException("The source has no [|...|] marker.", nameof(marked));
        }

        var source = marked.Remove(end, 2).Remove(start, 2);
        return (source, TextSpan.FromBounds(start, end - 2));
    }
}
