using System.Security.Claims;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Live.Connections;
using Live.Hosting;
using Live.Instances;
using Live.Registration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Live.Benchmarks;

/// <summary>
/// Running an action: through the generated invoker alone, and end to end on a component instance (queue, invoker,
/// diff, patch and result frames) with a sink that drops the frames.
/// </summary>
[MemoryDiagnoser]
public class DispatchBenchmarks
{
    private static JsonElement NoArgs => default;
    private readonly JsonElement addArgs = JsonDocument.Parse("""{"amount":1}""").RootElement;
    private readonly JsonElement toggleArgs = JsonDocument.Parse("""{"id":5000}""").RootElement;
    private LiveRuntime runtime = null!;
    private ComponentDescriptor counter = null!;
    private LiveComponentBase counterComponent = null!;
    private ComponentInstance counterInstance = null!;
    private ComponentInstance listInstance = null!;
    private NullSink sink = null!;

    [GlobalSetup]
    public void Setup()
    {
        var services = new ServiceCollection().BuildServiceProvider();
        runtime = new LiveRuntime(Options.Create(new LiveOptions()), services, NullLoggerFactory.Instance, TimeProvider.System);
        runtime.Registry.TryGet("MicroCounter", out counter!);
        runtime.Registry.TryGet("MicroList", out var list);
        counterComponent = counter.Factory(services);
        counterComponent.InitializeState();
        sink = new NullSink(new LiveConnectionContext("bench", new ClaimsPrincipal(), services, CancellationToken.None));
        counterInstance = runtime.CreateInstance(counter, services, ownedScope: null);
        counterInstance.AttachAsync(sink, "m1", default).GetAwaiter().GetResult();
        listInstance = runtime.CreateInstance(list!, services, ownedScope: null);
        listInstance.AttachAsync(sink, "m2", default).GetAwaiter().GetResult();
    }

    [Benchmark(Description = "generated invoker: increment()")]
    public ValueTask<ActionResult> Invoke_increment() =>
        counter.Actions["increment"].Invoker(counterComponent, new ActionArguments(NoArgs, runtime.SerializerOptions), CancellationToken.None);

    [Benchmark(Description = "generated invoker: add(amount) with argument binding")]
    public ValueTask<ActionResult> Invoke_add() =>
        counter.Actions["add"].Invoker(counterComponent, new ActionArguments(addArgs, runtime.SerializerOptions), CancellationToken.None);

    [Benchmark(Description = "end to end on an instance: counter increment (diff + patch + result)")]
    public Task Run_counter_increment() =>
        counterInstance.RunActionAsync(sink, "a", counter.Actions["increment"], NoArgs, CancellationToken.None);

    [Benchmark(Description = "end to end on an instance: 10k list toggle (diff + patch + result)")]
    public Task Run_list_toggle() =>
        listInstance.RunActionAsync(sink, "a", listInstance.Descriptor.Actions["toggle"], toggleArgs, CancellationToken.None);

    private sealed class NullSink(LiveConnectionContext context) : IConnectionSink
    {
        public LiveConnectionContext Context { get; } = context;

        public bool TrySend(byte[] frame) => true;

        public void Forget(string instanceId)
        {
        }
    }
}
