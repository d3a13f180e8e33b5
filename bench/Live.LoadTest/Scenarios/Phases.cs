using System.Diagnostics;
using Spectre.Console;

namespace Live.LoadTest.Scenarios;

/// <summary>Runs closed-loop workers for a bounded time (and count), showing the clock on a progress bar.</summary>
public static class Phases
{
    /// <summary>
    /// Starts <paramref name="workers"/> loops of <paramref name="step"/>, each until <paramref name="duration"/> has
    /// passed or it has done <paramref name="maxStepsPerWorker"/> steps. Returns the steps done, the time taken and the CPU time this process (clients and any in-process server) used.
    /// </summary>
    public static async Task<(long Steps, TimeSpan Elapsed, TimeSpan Cpu)> RunAsync(
        ProgressContext progress,
        string title,
        TimeSpan duration,
        int workers,
        long maxStepsPerWorker,
        Func<int, Task> step)
    {
        var task = progress.AddTask(Markup.Escape(title), maxValue: duration.TotalSeconds);
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        long steps = 0;
        using var ticker = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        var loops = Enumerable.Range(0, workers).Select(async worker =>
        {
            await Task.Yield();
            for (long n = 0; n < maxStepsPerWorker && clock.Elapsed < duration; n++)
            {
                await step(worker);
                Interlocked.Increment(ref steps);
            }
        }).ToArray();
        var all = Task.WhenAll(loops);
        while (!all.IsCompleted && await ticker.WaitForNextTickAsync())
        {
            task.Value = Math.Min(clock.Elapsed.TotalSeconds, duration.TotalSeconds);
        }

        await all;
        var elapsed = clock.Elapsed;
        process.Refresh();
        cpu = process.TotalProcessorTime - cpu;
        task.Value = task.MaxValue;
        task.StopTask();
        return (Interlocked.Read(ref steps), elapsed, cpu);
    }

    public static TimeSpan Warmup(TimeSpan measured) => TimeSpan.FromSeconds(Math.Clamp(measured.TotalSeconds / 5, 1, 3));

    /// <summary>
    /// Warms up until the JIT has settled: at least <paramref name="minimum"/>, then until fewer than 10 methods were
    /// compiled in the last second (in this process and, through <paramref name="remoteCompiledMethods"/>, in an
    /// out-of-process server), at most <paramref name="maximum"/>. Tiered compilation keeps recompiling hot code at
    /// tier 1 for seconds after start on 2 busy cores; a fixed short warm-up measured whichever side ran first (Live)
    /// partly on tier-0 code. Returns the warm-up's length.
    /// </summary>
    public static async Task<TimeSpan> WarmUpUntilJitSettlesAsync(
        ProgressContext progress,
        string title,
        TimeSpan minimum,
        TimeSpan maximum,
        int workers,
        Func<int, Task> step,
        Func<Task<long?>>? remoteCompiledMethods = null)
    {
        var task = progress.AddTask(Markup.Escape(title), maxValue: maximum.TotalSeconds);
        var clock = Stopwatch.StartNew();
        var stop = false;
        var loops = Enumerable.Range(0, workers).Select(async worker =>
        {
            await Task.Yield();
            while (!Volatile.Read(ref stop) && clock.Elapsed < maximum)
            {
                await step(worker);
            }
        }).ToArray();
        var all = Task.WhenAll(loops);
        var history = new Queue<long>();
        using var ticker = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        while (!all.IsCompleted && await ticker.WaitForNextTickAsync())
        {
            task.Value = Math.Min(clock.Elapsed.TotalSeconds, maximum.TotalSeconds);
            var compiled = System.Runtime.JitInfo.GetCompiledMethodCount() + (remoteCompiledMethods is null ? 0 : await remoteCompiledMethods() ?? 0);
            history.Enqueue(compiled);
            if (history.Count > 5)
            {
                history.Dequeue();
            }

            if (clock.Elapsed >= minimum && history.Count == 5 && compiled - history.Peek() < 10)
            {
                Volatile.Write(ref stop, true);
                break;
            }
        }

        await all;
        task.Value = task.MaxValue;
        task.StopTask();
        return clock.Elapsed;
    }
}
