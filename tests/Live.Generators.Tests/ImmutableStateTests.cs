using System.Reflection;
using Live.Generators.Tests.Infrastructure;
using Live.Registration;

namespace Live.Generators.Tests;

/// <summary>
/// The descriptor's <c>ImmutableState</c> flag: set only when every value reachable from the state is immutable, so
/// the runtime may diff state objects by reference instead of their JSON.
/// </summary>
public sealed class ImmutableStateTests
{
    [Theory]
    [InlineData("public int Count { get; init; }")]
    [InlineData("public string Name { get; init; } = \"\"; public string? Note { get; init; }")]
    [InlineData("public ImmutableList<Item> Items { get; init; } = [];")]
    [InlineData("public ImmutableArray<int> Numbers { get; init; } = [];")]
    [InlineData("public ImmutableDictionary<string, Item> ById { get; init; } = ImmutableDictionary<string, Item>.Empty;")]
    [InlineData("public Guid Id { get; init; } public DateTime At { get; init; } public DateTimeOffset When { get; init; } public TimeSpan Span { get; init; } public decimal Price { get; init; } public Color Tint { get; init; }")]
    [InlineData("public int? Maybe { get; init; } public Point Where { get; init; }")]
    [InlineData("public Item? Selected { get; init; } public Node? Tree { get; init; }")]
    [InlineData("public int Total => Items.Count; public ImmutableList<Item> Items { get; init; } = [];")]
    public void States_built_only_from_immutable_values_are_flagged_immutable(string members) =>
        Assert.True(Descriptor(members).ImmutableState);

    [Theory]
    [InlineData("public int Count { get; set; }")]
    [InlineData("public List<int> Values { get; init; } = [];")]
    [InlineData("public int[] Values { get; init; } = [];")]
    [InlineData("public IReadOnlyList<int> Values { get; init; } = [];")]
    [InlineData("public Dictionary<string, int> Scores { get; init; } = new();")]
    [InlineData("public object? Anything { get; init; }")]
    [InlineData("public ImmutableList<Box> Boxes { get; init; } = [];")]
    [InlineData("public ImmutableList<int[]> Rows { get; init; } = [];")]
    [InlineData("public Counter2 Inner { get; init; } = new();")]
    [InlineData("[JsonExtensionData] public ImmutableDictionary<string, JsonElement>? Extra { get; init; }")]
    [InlineData("public Shape? Figure { get; init; }")]
    public void States_reaching_anything_mutable_or_unknown_are_not_flagged(string members) =>
        Assert.False(Descriptor(members).ImmutableState);

    private static ComponentDescriptor Descriptor(string members)
    {
        var run = GeneratorHarness.Run(Samples.Usings + """
            using System.Text.Json;
            using System.Text.Json.Serialization;

            namespace Sample;

            public sealed record Item(int Id, string Text, bool Done);
            public sealed record Node(string Name, ImmutableList<Node> Children);
            public readonly record struct Point(int X, int Y);
            public enum Color { Red, Green }
            public sealed class Box { public int Size { get; set; } }
            public sealed class Counter2 { private int hits; public int Hits => hits; public void Hit() => hits++; }
            [JsonPolymorphic]
            [JsonDerivedType(typeof(Circle), "circle")]
            public abstract record Shape;
            public sealed record Circle(double Radius) : Shape;

            public sealed record SampleState
            {
            """ + members + """

            }

            [LiveComponent]
            public sealed partial class Probe : LiveComponent<SampleState>
            {
                [PublicAction] public void Touch() => StateHasChanged();
            }
            """);

        Assert.Empty(run.CompilationProblems);
        using var sample = LoadedAssembly.Emit(run.OutputCompilation);
        return (ComponentDescriptor)sample.Type("Sample.Probe")
            .GetMethod("CreateLiveDescriptor", BindingFlags.Static | BindingFlags.NonPublic)!
            .Invoke(null, null)!;
    }
}
