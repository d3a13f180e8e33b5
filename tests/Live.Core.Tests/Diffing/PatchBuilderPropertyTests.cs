using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using Live.Diffing;

namespace Live.Core.Tests.Diffing;

/// <summary>
/// diff(old, new) applied to old gives new, for random states and random edits. CI runs a bounded number of cases;
/// for a longer hunt set LIVE_DIFF_PROPERTY_CASES, e.g.
/// <c>LIVE_DIFF_PROPERTY_CASES=200000 dotnet test tests/Live.Core.Tests --filter PatchBuilderPropertyTests</c>.
/// A failure prints the old and new JSON and CsCheck's seed, which reproduces it.
/// </summary>
public sealed class PatchBuilderPropertyTests
{
    private const int DefaultCases = 2_000;

    private static readonly Gen<DiffCase> Cases =
        Gen.Select(Gen.Int[0, int.MaxValue], Gen.Int[0, 24], Gen.Int[1, 8], (seed, size, edits) =>
        {
            var states = new RandomStates(seed);
            var old = states.State(size);
            var oldJson = old.ToJsonString();
            var newJson = states.Edit(old.DeepClone(), edits, size)?.ToJsonString() ?? "null";
            return new DiffCase(oldJson, newJson);
        });

    private static readonly Gen<string> States =
        Gen.Select(Gen.Int[0, int.MaxValue], Gen.Int[0, 24], (seed, size) => new RandomStates(seed).State(size).ToJsonString());

    private static long CaseCount =>
        long.TryParse(Environment.GetEnvironmentVariable("LIVE_DIFF_PROPERTY_CASES"), out var cases) && cases > 0 ? cases : DefaultCases;

    [Fact]
    public void Applying_the_patch_to_old_gives_new()
    {
        Cases.Sample(c => PatchAssert.DiffAndApply(c.Old, c.New), iter: CaseCount);
    }

    [Fact]
    public void Diff_of_a_state_with_itself_is_empty()
    {
        States.Sample(json =>
        {
            // Two separate documents, so equality must come from the text, not from sharing one element.
            using var first = JsonDocument.Parse(json);
            using var second = JsonDocument.Parse(json);
            Assert.Equal("[]", PatchBuilder.Default.CreatePatchString(first.RootElement, second.RootElement));
        }, iter: CaseCount);
    }

    [Fact]
    public void Generated_cases_exercise_every_kind_of_op()
    {
        // Guards the generator: a property that never sees a move or a keyed insert proves little.
        var seen = new HashSet<string>();
        Cases.Sample(c =>
        {
            foreach (var op in PatchAssert.DiffAndApply(c.Old, c.New))
            {
                lock (seen)
                {
                    seen.Add((string)op!["op"]!);
                }
            }
        }, iter: 300);
        Assert.Equal(["add", "move", "remove", "replace"], seen.Order(StringComparer.Ordinal));
    }

    internal sealed record DiffCase(string Old, string New)
    {
        public override string ToString() => $"old: {Old}\nnew: {New}";
    }
}
