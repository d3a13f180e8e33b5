using System.Collections.Immutable;
using Live.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Live.Generators.Tests.Infrastructure;

/// <summary>Runs the generator in memory over a compilation that references the running runtime and Live.Core.</summary>
internal static class GeneratorHarness
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(LoadReferences);

    public static CSharpCompilation CreateCompilation(params string[] sources) => CreateCompilation(allowUnsafe: false, sources);

    public static CSharpCompilation CreateCompilation(bool allowUnsafe, params string[] sources) =>
        CreateCompilation("Sample" + Guid.NewGuid().ToString("N"), allowUnsafe, sources.Select((s, i) => Parse(s, $"File{i}.cs")));

    /// <summary>A compilation with a chosen assembly name (it appears in generated names, so snapshots fix it).</summary>
    public static CSharpCompilation CreateCompilation(string assemblyName, bool allowUnsafe, IEnumerable<SyntaxTree> trees) =>
        CSharpCompilation.Create(
            assemblyName,
            trees,
            References.Value,
            new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable,
                deterministic: true,
                allowUnsafe: allowUnsafe,
                warningLevel: 9999));

    public static SyntaxTree Parse(string source, string path) =>
        CSharpSyntaxTree.ParseText(source, ParseOptions, path);

    public static GeneratorDriver CreateDriver() =>
        CSharpGeneratorDriver.Create(
            [new LiveComponentGenerator().AsSourceGenerator()],
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    public static GeneratorRun Run(params string[] sources) => Run(allowUnsafe: false, sources);

    public static GeneratorRun Run(bool allowUnsafe, params string[] sources) => Run(CreateCompilation(allowUnsafe, sources));

    /// <summary>Runs over sources compiled into an assembly named <paramref name="assemblyName"/>.</summary>
    public static GeneratorRun RunNamed(string assemblyName, params string[] sources) =>
        Run(CreateCompilation(assemblyName, allowUnsafe: false, sources.Select((s, i) => Parse(s, $"File{i}.cs"))));

    public static GeneratorRun Run(Compilation compilation)
    {
        var driver = CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        return new GeneratorRun(output, diagnostics, driver.GetRunResult());
    }

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        var trusted = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var references = trusted
            .Where(path => Path.GetFileName(path) is var name
                && (name.StartsWith("System.", StringComparison.Ordinal)
                    || name is "mscorlib.dll" or "netstandard.dll" or "Microsoft.Extensions.DependencyInjection.Abstractions.dll"
                        or "Microsoft.AspNetCore.Authorization.dll" or "Microsoft.AspNetCore.Metadata.dll"))
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToList();
        references.Add(MetadataReference.CreateFromFile(typeof(LiveComponentBase).Assembly.Location));
        return [.. references];
    }
}
