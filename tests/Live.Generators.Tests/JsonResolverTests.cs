using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Live.Generators.Tests.Infrastructure;
using Live.Registration;

namespace Live.Generators.Tests;

/// <summary>
/// One generated System.Text.Json resolver per compilation, passed to every descriptor, covers every type that crosses
/// the wire, so the runtime never needs reflection-based serialization.
/// </summary>
public sealed class JsonResolverTests
{
    private const string Shop = Samples.Usings + """
        namespace Sample;

        public sealed record Line(Guid Id, string Text, bool Done);

        public sealed record Query
        {
            public string Text { get; init; } = "";
            public int? Limit { get; init; }
        }

        public sealed record ShopState
        {
            public ImmutableList<Line> Lines { get; init; } = [];
            public Guid Owner { get; init; }
            public int? Budget { get; init; }
            public string Title { get; init; } = "shop";
        }

        [LiveComponent]
        public sealed partial class Shop : LiveComponent<ShopState>
        {
            [PublicAction] public IReadOnlyList<Line> Find(IReadOnlyList<Query> queries, string mode = "all", int? limit = null) => Lines;
            [PublicAction] public Task<Guid> AddAsync(string text) => Task.FromResult(Guid.NewGuid());
        }

        public sealed record TillState { public ImmutableList<Line> Lines { get; init; } = []; }

        [LiveComponent]
        public sealed partial class Till : LiveComponent<TillState>
        {
            [PublicAction] public Line? Last() => Lines.IsEmpty ? null : Lines[^1];
        }
        """;

    [Fact]
    public void Every_descriptor_gets_the_one_resolver_of_its_compilation()
    {
        var run = GeneratorHarness.RunNamed("My.Shop-App", Shop);

        Assert.Empty(run.CompilationProblems);
        Assert.Contains("internal sealed class LiveJsonMetadata_My_Shop_App : ", run.GeneratedSource("LiveJsonMetadata.g.cs"), StringComparison.Ordinal);
        foreach (var file in new[] { "Sample.Shop.Live.g.cs", "Sample.Till.Live.g.cs" })
        {
            Assert.Contains("typeInfoResolver: global::Live.Generated.LiveJsonMetadata_My_Shop_App.Default,", run.GeneratedSource(file), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Types_shared_by_components_are_emitted_once()
    {
        var resolver = GeneratorHarness.Run(Shop).GeneratedSource("LiveJsonMetadata.g.cs");

        Assert.Single(Occurrences(resolver, "if (type == typeof(global::Sample.Line))"));
        Assert.Single(Occurrences(resolver, "if (type == typeof(global::System.Collections.Immutable.ImmutableList<global::Sample.Line>))"));
    }

    [Fact]
    public void The_resolver_alone_serializes_every_state_parameter_and_result_type()
    {
        var run = GeneratorHarness.Run(Shop);
        using var sample = LoadedAssembly.Emit(run.OutputCompilation);

        foreach (var component in new[] { "Sample.Shop", "Sample.Till" })
        {
            var descriptor = Descriptor(sample, component);
            Assert.NotNull(descriptor.TypeInfoResolver);
            var options = OptionsWithOnly(descriptor.TypeInfoResolver);
            foreach (var type in WireTypes(descriptor))
            {
                Assert.True(descriptor.TypeInfoResolver.GetTypeInfo(type, options) is not null, $"{component}: no generated metadata for {type}");
            }
        }
    }

    [Fact]
    public void State_round_trips_through_the_generated_metadata_without_reflection()
    {
        var run = GeneratorHarness.Run(Shop);
        using var sample = LoadedAssembly.Emit(run.OutputCompilation);
        var descriptor = Descriptor(sample, "Sample.Shop");
        var options = OptionsWithOnly(descriptor.TypeInfoResolver!);
        const string Json = """{"lines":[{"id":"5b0c7b1e-8a6f-4f57-9d0c-3c1d2f1b9a10","text":"milk","done":true}],"owner":"0f8fad5b-d9cb-469f-a165-70867728950e","budget":null,"title":"weekly"}""";

        var state = JsonSerializer.Deserialize(Json, descriptor.StateType, options);

        Assert.Equal(Json, JsonSerializer.Serialize(state, descriptor.StateType, options));
    }

    [Fact]
    public void Every_wire_type_of_the_kitchen_sink_has_generated_metadata()
    {
        using var fixture = new KitchenSinkAssembly();
        var resolver = fixture.Descriptor.TypeInfoResolver!;
        var options = OptionsWithOnly(resolver);

        Assert.All(WireTypes(fixture.Descriptor), type => Assert.NotNull(resolver.GetTypeInfo(type, options)));
    }

    private static IEnumerable<Type> WireTypes(ComponentDescriptor descriptor) =>
        descriptor.Actions.Values
            .SelectMany(a => a.Parameters.Select(p => p.ParameterType).Append(a.ResultType))
            .Append(descriptor.StateType)
            .OfType<Type>()
            .Distinct();

    // No DefaultJsonTypeInfoResolver: a type the generated metadata misses cannot fall back to reflection.
    private static JsonSerializerOptions OptionsWithOnly(IJsonTypeInfoResolver resolver) =>
        new(JsonSerializerDefaults.Web) { TypeInfoResolver = resolver };

    private static ComponentDescriptor Descriptor(LoadedAssembly sample, string component) =>
        (ComponentDescriptor)sample.Type(component)
            .GetMethod("CreateLiveDescriptor", BindingFlags.Static | BindingFlags.NonPublic)!
            .Invoke(null, null)!;

    private static IEnumerable<int> Occurrences(string text, string value)
    {
        for (var i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + 1, StringComparison.Ordinal))
        {
            yield return i;
        }
    }
}
