using System.Buffers;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Live.Benchmarks.Components;

namespace Live.Benchmarks;

/// <summary>
/// The steps besides diffing that every state change of a component pays today (<c>ComponentInstance</c> flush):
/// serializing the whole new state and parsing it back into a <see cref="JsonDocument"/> — shown for the 10k list.
/// </summary>
[MemoryDiagnoser]
public class StateFlushBenchmarks
{
    private readonly JsonSerializerOptions options = new(JsonSerializerDefaults.Web);
    private MicroListState state = null!;
    private byte[] json = [];

    [GlobalSetup]
    public void Setup()
    {
        options.TypeInfoResolver = Registration.ComponentCatalog.Snapshot().Single(d => d.Name == "MicroList").TypeInfoResolver;
        state = new MicroListState();
        json = JsonSerializer.SerializeToUtf8Bytes(state, options);
    }

    [Benchmark(Description = "serialize 10k-item state (generated metadata)")]
    public int Serialize_large_state()
    {
        var buffer = new ArrayBufferWriter<byte>(json.Length);
        using var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true });
        JsonSerializer.Serialize(writer, state, options);
        return buffer.WrittenSpan.ToArray().Length;
    }

    [Benchmark(Description = "parse 10k-item state into a JsonDocument")]
    public int Parse_large_state()
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty("items").GetArrayLength();
    }
}
