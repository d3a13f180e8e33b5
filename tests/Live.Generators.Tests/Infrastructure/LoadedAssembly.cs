using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;

namespace Live.Generators.Tests.Infrastructure;

/// <summary>
/// A generated-and-compiled sample assembly loaded into its own collectible context. Live.Core and the framework
/// resolve from the default context, so the sample's components are real <see cref="LiveComponentBase"/>s.
/// </summary>
internal sealed class LoadedAssembly : IDisposable
{
    private readonly AssemblyLoadContext context;

    private LoadedAssembly(AssemblyLoadContext context, Assembly assembly)
    {
        this.context = context;
        Assembly = assembly;
    }

    public Assembly Assembly { get; }

    public static LoadedAssembly Emit(Compilation compilation)
    {
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        if (!result.Success)
        {
            throw new InvalidOperationException("The sample did not compile:\n" + string.Join("\n", result.Diagnostics));
        }

        stream.Position = 0;
        var context = new AssemblyLoadContext(compilation.AssemblyName, isCollectible: true);
        return new LoadedAssembly(context, context.LoadFromStream(stream));
    }

    public Type Type(string fullName) => Assembly.GetType(fullName, throwOnError: true)!;

    public void Dispose() => context.Unload();
}
