namespace Live.Generators.Tests.Infrastructure;

/// <summary>Reads the TypeScript out of <c>LiveTypeScriptBindings.g.cs</c> the way <c>Live.Generators.targets</c> does.</summary>
internal static class TypeScriptText
{
    public const string HintName = "LiveTypeScriptBindings.g.cs";

    private const string Begin = "/* LIVE-TYPESCRIPT-BEGIN\n";
    private const string End = "LIVE-TYPESCRIPT-END */";

    public static string Extract(string generatedFile)
    {
        var text = generatedFile.Replace("\r\n", "\n", StringComparison.Ordinal);
        var start = text.IndexOf(Begin, StringComparison.Ordinal);
        var stop = text.LastIndexOf(End, StringComparison.Ordinal);
        Assert.True(start >= 0 && stop >= start + Begin.Length, "The bindings file has no TypeScript between the markers:\n" + generatedFile);
        return text[(start + Begin.Length)..stop];
    }

    public static string Of(GeneratorRun run) => Extract(run.GeneratedSource(HintName));
}
