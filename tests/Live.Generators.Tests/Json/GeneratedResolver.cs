using System.Reflection;
using System.Runtime.Loader;
using System.Text.Json.Serialization.Metadata;
using Live.Generators.Json;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Live.Generators.Tests.Json;

/// <summary>
/// Compiles sample types in memory, reads their shapes, appends the emitted resolver, compiles again and loads the
/// result, the way the generator's output would end up in an app.
/// </summary>
internal sealed class GeneratedResolver
{
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private static readonly Lazy<MetadataReference[]> References = new(() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToArray());

    private GeneratedResolver(JsonShapeSet shapes, string source, Assembly assembly)
    {
        Shapes = shapes;
        Source = source;
        Assembly = assembly;
        Resolver = (IJsonTypeInfoResolver)Activator.CreateInstance(assembly.GetType("Samples.Generated.SampleJsonResolver", throwOnError: true)!)!;
    }

    public JsonShapeSet Shapes { get; }

    public string Source { get; }

    public Assembly Assembly { get; }

    public IJsonTypeInfoResolver Resolver { get; }

    public static CSharpCompilation CreateCompilation(string source) =>
        CSharpCompilation.Create(
            "Samples_" + Guid.NewGuid().ToString("N"),
            [CSharpSyntaxTree.ParseText(source, ParseOptions)],
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    public static JsonShapeSet Read(CSharpCompilation compilation, params string[] rootMetadataNames) =>
        JsonShapeReader.Read(
            rootMetadataNames.Select(name => (ITypeSymbol?)compilation.GetTypeByMetadataName(name) ?? throw new ArgumentException($"No type {name}")),
            compilation.Assembly);

    public static GeneratedResolver Compile(string source, params string[] rootMetadataNames)
    {
        var compilation = CreateCompilation(source);
        var shapes = Read(compilation, rootMetadataNames);
        var emitted = JsonMetadataEmitter.Emit("Samples.Generated", "SampleJsonResolver", shapes);
        compilation = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText(emitted, ParseOptions, path: "SampleJsonResolver.g.cs"));

        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        var problems = result.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        if (!result.Success || problems.Count > 0)
        {
            throw new InvalidOperationException(
                "Compilation failed:\n" + string.Join("\n", problems) + "\n\n" + Numbered(emitted));
        }

        var context = new AssemblyLoadContext("json-samples", isCollectible: true);
        stream.Position = 0;
        return new GeneratedResolver(shapes, emitted, context.LoadFromStream(stream));
    }

    public Type Type(string metadataName) => Assembly.GetType(metadataName, throwOnError: true)!;

    private static string Numbered(string source) =>
        string.Join("\n", source.Split('\n').Select((line, i) => $"{i + 1,4}: {line}"));
}
