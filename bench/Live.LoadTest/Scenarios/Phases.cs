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
}
