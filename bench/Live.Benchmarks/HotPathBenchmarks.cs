using BenchmarkDotNet.Attributes;
using Live.Client.Protocol;
using Live.Instances;

namespace Live.Benchmarks;

/// <summary>
/// Per-round-trip pieces of the <c>actions</c> load scenario outside the component: the .NET client writing an action
/// frame, and an instance queue running one item without a result (every action is one).
/// </summary>
[MemoryDiagnoser]
public class HotPathBenchmarks
{
    private static readonly Func<Task> Nothing = static () => Task.CompletedTask;
    private readonly SerialQueue queue = new();

    [Benchmark(Description = "client: action frame (reused per-thread writer)")]
    public ReadOnlyMemory<byte> Client_action_frame() => ClientMessages.Action("12345", "c_5Jw8q2mZ0bXcT1vYkLrA9e", "increment", default);

    [Benchmark(Description = "instance queue: one Func<Task> item on an idle queue")]
    public Task Queue_item() => queue.Enqueue(Nothing);
}
