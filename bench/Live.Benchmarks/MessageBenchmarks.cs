using System.Text;
using BenchmarkDotNet.Attributes;
using Live.Protocol;

namespace Live.Benchmarks;

/// <summary>Writing server → client frames (<c>Protocol/ServerMessages</c>).</summary>
[MemoryDiagnoser]
public class MessageBenchmarks
{
    private static readonly byte[] Ops = Encoding.UTF8.GetBytes("""[{"op":"replace","path":"/items/5000/done","value":true}]""");
    private static readonly byte[] SmallState = States.Small(1, "counter", flag: false);

    [Benchmark(Description = "patch message (one replace op)")]
    public byte[] Patch() => ServerMessages.Patch("c_5Jw8Qm3kTnYp0aR2uVxZbC", 42, Ops, static (w, ops) => w.WriteRawValue(ops, skipInputValidation: true));

    [Benchmark(Description = "result message, no value")]
    public byte[] Result() => ServerMessages.Result("17");

    [Benchmark(Description = "mounted message, small state")]
    public byte[] Mounted() => ServerMessages.Mounted("1", "c_5Jw8Qm3kTnYp0aR2uVxZbC", "Counter", 0, SmallState);
}
