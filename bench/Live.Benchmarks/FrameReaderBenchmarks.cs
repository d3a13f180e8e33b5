using System.Text;
using BenchmarkDotNet.Attributes;
using Live.Protocol;

namespace Live.Benchmarks;

/// <summary>Parsing and validating client frames (<c>Protocol/FrameReader</c>).</summary>
[MemoryDiagnoser]
public class FrameReaderBenchmarks
{
    private static readonly byte[] Action = Encoding.UTF8.GetBytes("""{"type":"action","id":"17","instance":"c_5Jw8Qm3kTnYp0aR2uVxZbC","action":"toggle","args":{"id":5000}}""");
    private static readonly byte[] Mount = Encoding.UTF8.GetBytes("""{"type":"mount","id":"1","component":"TodoList","props":{"listId":"groceries"}}""");
    private static readonly byte[] Truncated = Encoding.UTF8.GetBytes("""{"type":"action","id":"17","instance":""");

    [Benchmark(Description = "action frame")]
    public bool Read_action() => Read(Action);

    [Benchmark(Description = "mount frame with props")]
    public bool Read_mount() => Read(Mount);

    [Benchmark(Description = "truncated frame → bad_frame")]
    public bool Read_truncated() => Read(Truncated);

    private static bool Read(byte[] frame)
    {
        var ok = FrameReader.TryRead(frame, 32, out _, out var document, out _, out _);
        document?.Dispose();
        return ok;
    }
}
