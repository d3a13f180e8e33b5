using Live.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace Live.Generators.Tests;

/// <summary>Edits that do not change what is emitted must not re-run the emitters (this is what keeps the IDE fast).</summary>
public sealed class IncrementalityTests
{
    [Fact]
    public void Unrelated_new_file_leaves_every_step_and_output_cached()
    {
        var compilation = GeneratorHarness.CreateCompilation(Samples.Counter);
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);

        var edited = compilation.AddSyntaxTrees(GeneratorHarness.Parse("namespace Other; internal sealed class Unrelated { }", "Other.cs"));
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        foreach (var step in new[] { TrackingNames.Parse, TrackingNames.Model, TrackingNames.Registrations, TrackingNames.NameClaims, TrackingNames.JsonShapes, TrackingNames.TypeScript })
        {
            Assert.All(Reasons(result, step), r => Assert.True(r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{step} was {r}"));
        }

        Assert.All(
            result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs).Select(o => o.Reason),
            r => Assert.Equal(IncrementalStepRunReason.Cached, r));
    }

    [Fact]
    public void Comment_in_the_component_file_reparses_but_leaves_the_model_unchanged()
    {
        var compilation = GeneratorHarness.CreateCompilation(Samples.Counter);
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        var tree = compilation.SyntaxTrees.Single();

        var edited = compilation.ReplaceSyntaxTree(tree, GeneratorHarness.Parse("// a comment that shifts every location\n" + Samples.Counter, tree.FilePath));
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        Assert.Contains(IncrementalStepRunReason.Modified, Reasons(result, TrackingNames.Parse));
        Assert.Equal([IncrementalStepRunReason.Unchanged], Reasons(result, TrackingNames.Model));
        foreach (var step in new[] { TrackingNames.Registrations, TrackingNames.JsonShapes, TrackingNames.TypeScript })
        {
            Assert.All(Reasons(result, step), r => Assert.True(r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{step} was {r}"));
        }
    }

    [Fact]
    public void Adding_a_state_member_updates_the_json_shapes_and_the_typescript()
    {
        var compilation = GeneratorHarness.CreateCompilation(Samples.Counter);
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        var tree = compilation.SyntaxTrees.Single();
        var withMember = Samples.Counter.Replace(
            "public int Count { get; init; }",
            "public int Count { get; init; }\n    public string Label { get; init; } = \"\";",
            StringComparison.Ordinal);

        var result = driver.RunGenerators(compilation.ReplaceSyntaxTree(tree, GeneratorHarness.Parse(withMember, tree.FilePath)))
            .GetRunResult().Results.Single();

        Assert.Equal([IncrementalStepRunReason.Modified], Reasons(result, TrackingNames.JsonShapes));
        Assert.Equal([IncrementalStepRunReason.Modified], Reasons(result, TrackingNames.TypeScript));
        Assert.Contains("  label: string;\n", result.GeneratedSources.Single(s => s.HintName == "LiveTypeScriptBindings.g.cs").SourceText.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Adding_an_action_changes_the_model()
    {
        var compilation = GeneratorHarness.CreateCompilation(Samples.Counter);
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        var tree = compilation.SyntaxTrees.Single();
        var withAction = Samples.Counter.Replace(
            "public void Increment(int by = 1) => Count += by;",
            "public void Increment(int by = 1) => Count += by;\n\n    [PublicAction]\n    public void Reset() => Count = 0;",
            StringComparison.Ordinal);

        var result = driver.RunGenerators(compilation.ReplaceSyntaxTree(tree, GeneratorHarness.Parse(withAction, tree.FilePath)))
            .GetRunResult().Results.Single();

        Assert.Equal([IncrementalStepRunReason.Modified], Reasons(result, TrackingNames.Model));
        Assert.Contains("\"reset\"", result.GeneratedSources.Single(s => s.HintName == "Sample.Counter.Live.g.cs").SourceText.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Model_holds_no_symbols_syntax_or_locations()
    {
        var run = GeneratorHarness.Run(Samples.KitchenSink);

        var models = run.Result.Results.Single().TrackedSteps[TrackingNames.Model].SelectMany(s => s.Outputs).Select(o => o.Value).ToList();

        Assert.NotEmpty(models);
        Assert.All(models, m => ModelGraph.AssertOnlyValues(m!));
    }

    private static List<IncrementalStepRunReason> Reasons(GeneratorRunResult result, string step) =>
        result.TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();
}
