using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using BenchmarkDotNet.Attributes;
using Live.Benchmarks.Components;
using Live.Diffing;

namespace Live.Benchmarks;

/// <summary>The diff engine alone: old + new state JSON → RFC 6902 ops, into a reused buffer.</summary>
[MemoryDiagnoser]
public class DiffBenchmarks
{
    private readonly ArrayBufferWriter<byte> buffer = new(64 * 1024);
    private Utf8JsonWriter writer = null!;
    private JsonElement small;
    private JsonElement smallChanged;
    private JsonElement large;
    private JsonElement largeCopy;
    private JsonElement largeToggled;
    private JsonElement largeInsertRemove;
    private TypedPatchBuilder typed = null!;
    private JsonTypeInfo listInfo = null!;
    private MicroListState list = null!;
    private MicroListState listToggled = null!;
    private MicroListState listInsertRemove = null!;

    [GlobalSetup]
    public void Setup()
    {
        writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true });
        small = States.Parse(States.Small(1, "counter", flag: false));
        smallChanged = States.Parse(States.Small(2, "renamed", flag: false));
        large = States.Parse(States.Large());
        largeCopy = States.Parse(States.Large());
        largeToggled = States.Parse(States.Large(i => i == 5_000 ? States.Item(i, done: true) : null));
        largeInsertRemove = States.Parse(States.Large(i => i == 10 ? "" : null, append: States.Item(States.LargeSize, done: false)));

        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            TypeInfoResolver = Registration.ComponentCatalog.Snapshot().Single(d => d.Name == "MicroList").TypeInfoResolver,
        };
        listInfo = options.GetTypeInfo(typeof(MicroListState));
        typed = new TypedPatchBuilder(PatchBuilder.Default);
        list = new MicroListState();
        listToggled = list with { Items = list.Items.SetItem(5_000, list.Items[5_000] with { Done = true }) };
        listInsertRemove = list with { Items = list.Items.RemoveAt(10).Add(new MicroItem(MicroListState.Size, "new", false)) };
    }

    [Benchmark(Description = "typed: 10k keyed list, one item toggled")]
    public int Typed_one_toggle() => DiffTyped(list, listToggled);

    [Benchmark(Description = "typed: 10k keyed list, one removed + one appended")]
    public int Typed_remove_and_append() => DiffTyped(list, listInsertRemove);

    [Benchmark(Description = "small state, 2 scalar changes")]
    public int Small_two_changes() => Diff(small, smallChanged);

    [Benchmark(Description = "10k keyed list, unchanged")]
    public int Large_unchanged() => Diff(large, largeCopy);

    [Benchmark(Description = "10k keyed list, one item toggled")]
    public int Large_one_toggle() => Diff(large, largeToggled);

    [Benchmark(Description = "10k keyed list, one removed + one appended")]
    public int Large_remove_and_append() => Diff(large, largeInsertRemove);

    [Benchmark(Description = "baseline: 10k DeepEquals (what whole-state replace must still compare)")]
    public bool Large_deep_equals_baseline() => JsonElement.DeepEquals(large, largeToggled);

    private int DiffTyped(MicroListState before, MicroListState after)
    {
        buffer.ResetWrittenCount();
        writer.Reset(buffer);
        var count = typed.WritePatch(before, after, listInfo, writer);
        writer.Flush();
        return count;
    }

    private int Diff(JsonElement before, JsonElement after)
    {
        buffer.ResetWrittenCount();
        writer.Reset(buffer);
        var count = PatchBuilder.Default.WritePatch(before, after, writer);
        writer.Flush();
        return count;
    }
}
