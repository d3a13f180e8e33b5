using System.Collections.Concurrent;

namespace Live.IntegrationTests.Infrastructure;

/// <summary>An append-only list a test can wait on: "until an entry like this has been added".</summary>
public sealed class WatchedList<T>
{
    private readonly ConcurrentQueue<T> entries = new();
    private readonly Lock gate = new();
    private TaskCompletionSource changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<T> Entries => [.. entries];

    public void Add(T entry)
    {
        entries.Enqueue(entry);
        TaskCompletionSource previous;
        lock (gate)
        {
            previous = changed;
            changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        previous.TrySetResult();
    }

    public async Task WaitForAsync(Func<T, bool> predicate, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(15));
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

            try
            {
                await next.WaitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException("No matching entry. Entries:\n" + string.Join("\n", entries));
            }
        }
    }
}
