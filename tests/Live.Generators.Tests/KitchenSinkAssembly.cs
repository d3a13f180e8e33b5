using System.Reflection;
using Live.Generators.Tests.Infrastructure;
using Live.Registration;

namespace Live.Generators.Tests;

/// <summary>Generates, compiles and loads <see cref="Samples.KitchenSink"/> once for all runtime tests.</summary>
public sealed class KitchenSinkAssembly : IDisposable
{
    public KitchenSinkAssembly()
    {
        var run = GeneratorHarness.Run(Samples.KitchenSink);
        CompilationProblems = run.CompilationProblems;
        Sample = LoadedAssembly.Emit(run.OutputCompilation);
        Descriptor = (ComponentDescriptor)Sample.Type("Sample.KitchenSink")
            .GetMethod("CreateLiveDescriptor", BindingFlags.Static | BindingFlags.NonPublic)!
            .Invoke(null, null)!;
    }

    internal LoadedAssembly Sample { get; }

    internal ComponentDescriptor Descriptor { get; }

    internal IReadOnlyList<Microsoft.CodeAnalysis.Diagnostic> CompilationProblems { get; }

    public void Dispose() => Sample.Dispose();
}
