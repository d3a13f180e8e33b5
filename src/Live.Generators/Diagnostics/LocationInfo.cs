using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Live.Generators.Diagnostics;

/// <summary>
/// A value-equatable stand-in for <see cref="Location"/>: a <see cref="Location"/> holds its syntax tree, which would
/// keep every pipeline step from ever comparing equal, so models store this and rebuild the location when reporting.
/// </summary>
internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
{
    public static LocationInfo? From(SyntaxNode? node) => node is null ? null : From(node.GetLocation());

    public static LocationInfo? From(SyntaxToken token) => From(token.GetLocation());

    public static LocationInfo? From(Location? location)
    {
        if (location is null || location.SourceTree is null)
        {
            return null;
        }

        return new LocationInfo(location.SourceTree.FilePath, location.SourceSpan, location.GetLineSpan().Span);
    }

    public Location ToLocation() => Location.Create(FilePath, Span, LineSpan);
}
