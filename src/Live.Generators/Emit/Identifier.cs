using Microsoft.CodeAnalysis.CSharp;

namespace Live.Generators.Emit;

/// <summary>Writes a C# name so it is valid where it is emitted (<c>@event</c> for a member named after a keyword).</summary>
internal static class Identifier
{
    public static string Escape(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;
}
