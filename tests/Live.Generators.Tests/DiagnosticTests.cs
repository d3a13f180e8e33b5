using Live.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace Live.Generators.Tests;

/// <summary>Each diagnostic is reported with its id, at the exact span marked <c>[|...|]</c> in the source.</summary>
public sealed class DiagnosticTests
{
    private const string State = """

        public sealed record S { public int Count { get; init; } }

        """;

    [Fact]
    public void LIVE001_non_partial_component_is_reported_at_its_name() => AssertSingle("LIVE001", """
        [LiveComponent]
        public sealed class [|Counter|] : LiveComponent<S> { }
        """);

    [Fact]
    public void LIVE002_attribute_on_a_class_not_deriving_from_LiveComponent_is_reported_at_the_attribute() => AssertSingle("LIVE002", """
        [[|LiveComponent|]]
        public sealed partial class NotAComponent { }
        """);

    [Theory]
    [InlineData("internal void [|Go|]() { }")]
    [InlineData("public static void [|Go|]() { }")]
    [InlineData("public void [|Go|]<T>() { }")]
    public void LIVE003_action_that_is_not_a_public_instance_non_generic_method_is_reported_at_its_name(string method) =>
        AssertSingle("LIVE003", ComponentWith("[PublicAction] " + method));

    [Theory]
    [InlineData("[[|PublicAction|]] protected override Task OnMountAsync(MountContext context) => Task.CompletedTask;")]
    [InlineData("[[|PublicAction|]] public override string ToString() => \"c\";")]
    [InlineData("[[|PublicAction|]] public void Dispose() { }")]
    [InlineData("[[|PublicAction|]] public Task OnDestroyAsync(int x) => Task.CompletedTask;")]
    public void LIVE004_action_on_a_lifecycle_or_override_method_is_reported_at_the_attribute(string method) =>
        AssertSingle("LIVE004", ComponentWith(method));

    [Fact]
    public void LIVE005_action_outside_a_component_is_reported_at_the_attribute() => AssertSingle("LIVE005", """
        public sealed class Helper
        {
            [[|PublicAction|]]
            public void Go() { }
        }
        """);

    [Fact]
    public void LIVE006_overloads_sharing_a_wire_name_are_reported_at_the_second_method() => AssertSingle("LIVE006", ComponentWith("""
        [PublicAction] public void Go() { }
        [PublicAction] public void [|Go|](int times) { }
        """));

    [Fact]
    public void LIVE006_explicit_name_clashing_with_another_action_is_reported() => AssertSingle("LIVE006", ComponentWith("""
        [PublicAction] public void Go() { }
        [PublicAction(Name = "go")] public void [|Run|]() { }
        """));

    [Theory]
    [InlineData("public void Go([|ref int|] x) { }")]
    [InlineData("public void Go([|out int|] x) { x = 1; }")]
    [InlineData("public void Go([|in int|] x) { }")]
    [InlineData("public void Go([|Span<int>|] x) { }")]
    [InlineData("public void Go([|Action|] x) { }")]
    [InlineData("public void Go([|Type|] x) { }")]
    [InlineData("public void Go([|object|] x) { }")]
    [InlineData("public void Go([|dynamic|] x) { }")]
    [InlineData("public void Go([|List<Func<int>>|] x) { }")]
    [InlineData("public void Go([|IAsyncEnumerable<int>|] x) { }")]
    [InlineData("public unsafe void Go([|int*|] x) { }")]
    [InlineData("public void Go([|(int Id, string Name)|] x) { }")]
    public void LIVE007_unsupported_parameter_is_reported_at_its_type(string method) =>
        AssertSingle("LIVE007", ComponentWith("[PublicAction] " + method), allowUnsafe: true);

    [Theory]
    [InlineData("public async [|void|] Go() { await Task.Yield(); }")]
    [InlineData("public [|IAsyncEnumerable<int>|] Go() => throw new NotSupportedException();")]
    [InlineData("public [|Task<object>|] Go() => throw new NotSupportedException();")]
    [InlineData("public [|Action|] Go() => () => { };")]
    [InlineData("public [|ref int|] Go() => throw new NotSupportedException();")]
    public void LIVE008_unsupported_return_type_is_reported_at_the_return_type(string method) =>
        AssertSingle("LIVE008", ComponentWith("[PublicAction] " + method));

    [Fact]
    public void LIVE009_two_components_with_one_name_are_both_reported_at_their_attributes()
    {
        var (first, firstSpan) = Markup.Parse(Prelude + """
            [[|LiveComponent("board")|]]
            public sealed partial class A : LiveComponent<S> { }
            """);
        var (second, secondSpan) = Markup.Parse("""
            using Live;

            namespace Sample;

            [[|LiveComponent("board")|]]
            public sealed partial class B : LiveComponent<S> { }
            """);

        var run = GeneratorHarness.Run(first, second);

        var reported = run.LiveDiagnostics.ToList();
        Assert.Equal(2, reported.Count);
        Assert.All(reported, d => Assert.Equal("LIVE009", d.Id));
        Assert.Contains(reported, d => d.Location.GetLineSpan().Path == "File0.cs" && d.Location.SourceSpan == firstSpan);
        Assert.Contains(reported, d => d.Location.GetLineSpan().Path == "File1.cs" && d.Location.SourceSpan == secondSpan);
    }

    [Fact]
    public void LIVE009_a_class_name_clashing_with_an_explicit_name_is_reported()
    {
        var run = GeneratorHarness.Run(Prelude + """
            [LiveComponent("A")] public sealed partial class Other : LiveComponent<S> { }
            [LiveComponent] public sealed partial class A : LiveComponent<S> { }
            """);

        Assert.Equal(["LIVE009", "LIVE009"], run.LiveDiagnostics.Select(d => d.Id));
    }

    [Theory]
    [InlineData("[LiveComponent([|\"has space\"|])]")]
    [InlineData("[LiveComponent([|\"\"|])]")]
    [InlineData("[LiveComponent([|\"emoji-\u263A\"|])]")]
    public void LIVE010_invalid_component_name_is_reported_at_the_argument(string attribute) => AssertSingle("LIVE010", attribute + """

        public sealed partial class Counter : LiveComponent<S> { }
        """);

    [Fact]
    public void LIVE010_name_longer_than_100_characters_is_reported()
    {
        var run = GeneratorHarness.Run(Prelude + $$"""
            [LiveComponent("{{new string('a', 101)}}")]
            public sealed partial class Counter : LiveComponent<S> { }
            """);

        Assert.Equal("LIVE010", Assert.Single(run.LiveDiagnostics).Id);
    }

    [Fact]
    public void LIVE011_state_without_parameterless_constructor_is_reported_at_the_component_name() => AssertSingle("LIVE011", """
        public sealed record Positional(int Count);

        [LiveComponent]
        public sealed partial class [|Counter|] : LiveComponent<Positional> { }
        """);

    [Fact]
    public void LIVE011_is_not_reported_when_the_component_overrides_CreateInitialState()
    {
        var run = GeneratorHarness.Run(Prelude + """
            public sealed record Positional(int Count);

            [LiveComponent]
            public sealed partial class Counter : LiveComponent<Positional>
            {
                protected override Positional CreateInitialState() => new(5);

                [PublicAction] public void Increment() => Count++;
            }
            """);

        Assert.Empty(run.LiveDiagnostics);
        Assert.Empty(run.CompilationProblems);
    }

    [Fact]
    public void LIVE012_state_that_is_not_a_record_is_reported_at_the_type_argument() => AssertSingle("LIVE012", """
        public sealed class PlainState { public int Count { get; set; } }

        [LiveComponent]
        public sealed partial class Counter : LiveComponent<[|PlainState|]> { }
        """);

    [Fact]
    public void LIVE013_component_nested_in_a_non_partial_type_is_reported_at_the_containing_type() => AssertSingle("LIVE013", """
        public static class [|Outer|]
        {
            [LiveComponent]
            public sealed partial class Counter : LiveComponent<S> { }
        }
        """);

    [Fact]
    public void LIVE014_private_nested_component_is_reported_at_its_name() => AssertSingle("LIVE014", """
        public static partial class Outer
        {
            [LiveComponent]
            private sealed partial class [|Counter|] : LiveComponent<S> { }
        }
        """);

    [Theory]
    [InlineData("public abstract partial class [|Counter|] : LiveComponent<S> { }")]
    [InlineData("public sealed partial class [|Counter|]<T> : LiveComponent<S> { }")]
    public void LIVE015_abstract_or_generic_component_is_reported_at_its_name(string declaration) =>
        AssertSingle("LIVE015", "[LiveComponent]\n" + declaration);

    [Fact]
    public void LIVE016_invalid_action_name_is_reported_at_the_name_argument() =>
        AssertSingle("LIVE016", ComponentWith("[PublicAction([|Name = \"no spaces\"|])] public void Go() { }"));

    [Fact]
    public void LIVE017_component_without_public_constructor_is_reported_at_its_name() => AssertSingle("LIVE017", """
        [LiveComponent]
        public sealed partial class [|Counter|] : LiveComponent<S>
        {
            private Counter() { }
        }
        """);

    [Fact]
    public void LIVE018_state_member_that_cannot_be_serialized_is_reported_at_the_state_type_argument()
    {
        var message = AssertSingle("LIVE018", """
            public sealed record EditorState { public Action? OnSave { get; init; } public string Text { get; init; } = ""; }
            [LiveComponent]
            public sealed partial class Editor : LiveComponent<[|EditorState|]> { }
            """);

        Assert.Contains("'System.Action?'", message, StringComparison.Ordinal);
        Assert.Contains("delegates cannot be serialized", message, StringComparison.Ordinal);
        Assert.Contains("'EditorState.OnSave'", message, StringComparison.Ordinal);
    }

    [Fact]
    public void LIVE018_member_of_a_parameter_record_is_reported_at_the_parameter_type()
    {
        var message = AssertSingle("LIVE018", """
            public sealed record Payload(string Name, object Extra);
            """ + ComponentWith("[PublicAction] public void Import([|Payload|] payload) { }"));

        Assert.Contains("'Payload.Extra'", message, StringComparison.Ordinal);
    }

    [Fact]
    public void LIVE018_unsupported_dictionary_key_in_a_result_is_reported_at_the_return_type()
    {
        var message = AssertSingle("LIVE018", """
            public sealed record Point(int X, int Y);
            """ + ComponentWith("[PublicAction] public [|Task<Dictionary<Point, int>>|] HeatAsync() => Task.FromResult(new Dictionary<Point, int>());"));

        Assert.Contains("dictionary keys must be", message, StringComparison.Ordinal);
    }

    [Fact]
    public void LIVE018_a_type_reached_twice_is_reported_once()
    {
        var run = GeneratorHarness.Run(Prelude + """
            public sealed record Payload(string Name, Func<int> Callback);
            """ + ComponentWith("""
            [PublicAction] public void First(Payload payload) { }
            [PublicAction] public Payload Second() => null!;
            """));

        Assert.Equal(["LIVE018"], run.LiveDiagnostics.Select(d => d.Id));
    }

    [Theory]
    [InlineData("LIVE007", "[PublicAction] public void Import([|object|] payload) { }")]
    [InlineData("LIVE007", "[PublicAction] public void Import([|List<Func<int>>|] callbacks) { }")]
    [InlineData("LIVE008", "[PublicAction] public [|Func<int>|] Make() => () => 1;")]
    public void LIVE007_and_LIVE008_are_not_repeated_as_LIVE018(string id, string member) =>
        AssertSingle(id, ComponentWith(member));

    [Fact]
    public void LIVE011_for_an_abstract_state_is_not_repeated_as_LIVE018() => AssertSingle("LIVE011", """
        public abstract record Shape { public int Sides { get; init; } }
        [LiveComponent]
        public sealed partial class [|Drawing|] : LiveComponent<Shape> { }
        """);

    [Fact]
    public void Valid_component_reports_nothing() =>
        Assert.Empty(GeneratorHarness.Run(Samples.KitchenSink).LiveDiagnostics);

    [Fact]
    public void Every_descriptor_links_to_its_anchor_in_the_diagnostics_doc()
    {
        var descriptors = typeof(Live.Generators.Diagnostics.DiagnosticDescriptors)
            .GetFields()
            .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
            .ToList();

        Assert.Equal(22, descriptors.Count);
        Assert.Equal(descriptors.Count, descriptors.Select(d => d.Id).Distinct().Count());
        Assert.All(descriptors, d => Assert.Equal(
            "https://github.com/live-framework/live/blob/main/docs/diagnostics.md#" + d.Id.ToLowerInvariant(),
            d.HelpLinkUri));
        var doc = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "diagnostics.md"));
        Assert.All(descriptors, d => Assert.Contains($"<a id=\"{d.Id.ToLowerInvariant()}\"></a>", doc, StringComparison.Ordinal));
    }

    private const string Prelude = Samples.Usings + "namespace Sample;\n" + State;

    private static string ComponentWith(string members) => $$"""
        [LiveComponent]
        public sealed partial class Counter : LiveComponent<S>
        {
            {{members}}
        }
        """;

    private static string AssertSingle(string id, string marked, bool allowUnsafe = false)
    {
        var (source, span) = Markup.Parse(Prelude + marked);

        var run = GeneratorHarness.Run(allowUnsafe, source);

        var diagnostic = Assert.Single(run.LiveDiagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.DoesNotContain("{", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Equal(span, diagnostic.Location.SourceSpan);
        Assert.Equal("File0.cs", diagnostic.Location.GetLineSpan().Path);

        // Where the component can still be emitted, the diagnostic is the only problem: no cascade of compiler errors.
        if (id is not ("LIVE001" or "LIVE013" or "LIVE014" or "LIVE015" or "LIVE017"))
        {
            Assert.Empty(run.CompilationProblems);
        }

        return diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Live.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Live.sln not found above the test output.");
    }
}
