namespace Live.Generators.Tests.Json;

/// <summary>Compiles the samples and their generated resolver once for a test class.</summary>
public sealed class SampleResolverFixture
{
    internal GeneratedResolver Generated { get; } = GeneratedResolver.Compile(SampleTypes.Source, SampleTypes.Roots);
}
