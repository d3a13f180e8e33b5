using System.Collections.Concurrent;

namespace Live.IntegrationTests.Components;

/// <summary>A DI service components write their hook calls to, so tests can see lifecycle order.</summary>
public sealed class HookLog
{
    private readonly ConcurrentQueue<string> entries = new();
    private readonly Lock gate = new();
    private TaskCompletionSource changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<string> Entries => [.. entries];

    public void Add(string entry)
    {
        entries.Enqueue(entry);
        lock (gate)
        {
            changed.TrySetResult();
            changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    /// <summary>Waits until an entry matching <paramref name="predicate"/> was logged.</summary>
    public async Task WaitForAsync(Func<string, bool> predicate, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            Task next;
            lock (gate)
            {
                next = changed.Task;
            }

            if (entries.Any(predicate))
            {
                return;
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException($"No hook log entry matched; entries: {string.Join(", ", entries)}");
            }

            await next.WaitAsync(left).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }
}
