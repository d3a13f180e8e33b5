using Live.Instances;

namespace Live.Core.Tests.Connections;

/// <summary>
/// The instance queue runs items one at a time in order, whether they return a value or not; a failed item fails
/// only its own task; work queued from inside the running item runs inline instead of deadlocking behind it.
/// </summary>
public sealed class SerialQueueTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Items_without_a_result_run_one_at_a_time_in_the_order_they_were_queued()
    {
        var queue = new SerialQueue();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var order = new List<string>();
        var running = 0;
        var overlapped = false;

        async Task Item(string name, Task? wait = null)
        {
            overlapped |= Interlocked.Increment(ref running) > 1;
            if (wait is not null)
            {
                await wait;
            }

            lock (order)
            {
                order.Add(name);
            }

            Interlocked.Decrement(ref running);
        }

        var first = queue.Enqueue(() => Item("first", gate.Task));
        var second = queue.Enqueue(() => Item("second"));
        var third = queue.Enqueue(() => Task.FromResult(3));
        Assert.False(second.IsCompleted);
        gate.SetResult();

        await Task.WhenAll(first, second, third).WaitAsync(Wait);
        Assert.Equal(["first", "second"], order);
        Assert.Equal(3, await third);
        Assert.False(overlapped);
    }

    [Fact]
    public async Task A_failing_item_fails_its_own_task_and_the_next_item_still_runs()
    {
        var queue = new SerialQueue();

        var failing = queue.Enqueue(() => Task.FromException(new InvalidOperationException("boom")));
        var ran = false;
        var next = queue.Enqueue(() =>
        {
            ran = true;
            return Task.CompletedTask;
        });

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => failing.WaitAsync(Wait));
        Assert.Equal("boom", error.Message);
        await next.WaitAsync(Wait);
        Assert.True(ran);
    }

    [Fact]
    public async Task Work_queued_from_inside_the_running_item_runs_inline_and_is_not_current_afterwards()
    {
        var queue = new SerialQueue();
        var innerRan = false;
        var currentInside = false;

        await queue.Enqueue(async () =>
        {
            currentInside = queue.IsCurrent;
            await queue.Enqueue(() =>
            {
                innerRan = true;
                return Task.CompletedTask;
            }).WaitAsync(Wait);
        }).WaitAsync(Wait);

        Assert.True(currentInside);
        Assert.True(innerRan);
        Assert.False(queue.IsCurrent);
    }
}
