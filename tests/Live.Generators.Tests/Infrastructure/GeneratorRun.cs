using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Live.Generators.Tests.Infrastructure;

/// <summary>The outcome of one generator run: the compilation with generated code, and what the generator reported.</summary>
internal sealed record GeneratorRun(Compilation OutputCompilation, ImmutableArray<Diagnostic> GeneratorDiagnostics, GeneratorDriverRunResult Result)
{
    public IEnumerable<Diagnostic> LiveDiagnostics => GeneratorDiagnostics.Where(d => d.Id.StartsWith("LIVE", StringComparison.Ordinal));

    /// <summary>Compiler warnings and errors in the final compilation (including in the generated files).</summary>
    public IReadOnlyList<Diagnostic> CompilationProblems =>
        OutputCompilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();

    public string GeneratedSource(string hintName) =>
        Result.Results.Single().GeneratedSources.Single(s => s.HintName == hintName).SourceText.ToString();

    public IReadOnlyList<string> HintNames => Result.Results.Single().GeneratedSources.Select(s => s.HintName).ToList();
}
