using System.Reflection;
using Live.Generators.Tests.Infrastructure;
using Live.Registration;

namespace Live.Generators.Tests;

/// <summary>Descriptors list the <c>[LiveKey]</c> members of the types reachable from the state, sorted and distinct.</summary>
public sealed class LiveKeyTests
{
    [Fact]
    public void Key_members_reachable_from_the_state_are_collected_sorted_and_distinct()
    {
        var run = GeneratorHarness.Run(Samples.Usings + """
            namespace Sample;

            public sealed record Product([property: LiveKey] string Sku, string Name);
            public sealed record Shelf { [LiveKey] public string Code { get; init; } = ""; public Product[] Products { get; init; } = []; }
            public sealed record Crate { [LiveKey] public string Sku { get; init; } = ""; }
            public abstract record Part { [LiveKey] public virtual string Serial { get; init; } = ""; }
            public sealed record Wheel : Part { public override string Serial { get; init; } = ""; }
            public sealed record Unused { [LiveKey] public string NotReachable { get; init; } = ""; }

            public sealed record StoreState
            {
                public ImmutableList<Shelf> Shelves { get; init; } = [];
                public Dictionary<string, List<Crate>> Crates { get; init; } = new();
                public Wheel? Spare { get; init; }
            }

            [LiveComponent]
            public sealed partial class Store : LiveComponent<StoreState>
            {
                [PublicAction] public Unused Peek() => new();
            }
            """);

        Assert.Empty(run.CompilationProblems);
        using var sample = LoadedAssembly.Emit(run.OutputCompilation);
        var descriptor = (ComponentDescriptor)sample.Type("Sample.Store")
            .GetMethod("CreateLiveDescriptor", BindingFlags.Static | BindingFlags.NonPublic)!
            .Invoke(null, null)!;

        Assert.Equal(["Code", "Serial", "Sku"], descriptor.KeyMemberNames);
    }

    [Fact]
    public void State_without_keys_passes_an_empty_list() =>
        Assert.Contains(
            "keyMemberNames: global::System.Array.Empty<string>(),",
            GeneratorHarness.Run(Samples.Counter).GeneratedSource("Sample.Counter.Live.g.cs"),
            StringComparison.Ordinal);
}
