namespace Live.Instances;

/// <summary>
/// Runs work items one at a time, in the order they were queued. Each component instance has one, so its
/// actions and <c>InvokeAsync</c> work never overlap. Holds no thread and no pending task while idle.
/// </summary>
internal sealed class SerialQueue
{
    private static readonly AsyncLocal<object?> CurrentItem = new();
    private readonly Lock gate = new();
    private Task tail = Task.CompletedTask;
    private object? runningItem;

    /// <summary>
    /// Whether the caller runs inside the item this queue is running right now. Work queued from there runs
    /// inline instead of deadlocking behind the item that awaits it. A timer started by an item does not count:
    /// once the item has finished, its token no longer matches.
    /// </summary>
    public bool IsCurrent
    {
        get
        {
            var token = CurrentItem.Value;
            return token is not null && ReferenceEquals(token, Volatile.Read(ref runningItem));
        }
    }

    public Task<T> Enqueue<T>(Func<Task<T>> work)
    {
        if (IsCurrent)
        {
            return work();
        }

        lock (gate)
        {
            var next = RunAfter(tail, work);
            tail = next;
            return next;
        }
    }

    /// <summary>
    /// Queues work without a result. Its own path (not a wrapper around <see cref="Enqueue{T}"/>): every action runs
    /// through here, and the wrapper cost a delegate, a closure and a second async state machine per item.
    /// </summary>
    public Task Enqueue(Func<Task> work)
    {
        if (IsCurrent)
        {
            return work();
        }

        lock (gate)
        {
            var next = RunAfter(tail, work);
            tail = next;
            return next;
        }
    }

    private async Task<T> RunAfter<T>(Task previous, Func<Task<T>> work)
    {
        try
        {
            await previous.ConfigureAwait(false);
        }
        catch
        {
            // The previous item's failure belongs to its own caller; this item runs regardless.
        }

        Begin();
        try
        {
            return await work().ConfigureAwait(false);
        }
        finally
        {
            End();
        }
    }

    private async Task RunAfter(Task previous, Func<Task> work)
    {
        try
        {
            await previous.ConfigureAwait(false);
        }
        catch
        {
            // The previous item's failure belongs to its own caller; this item runs regardless.
        }

        Begin();
        try
        {
            await work().ConfigureAwait(false);
        }
        finally
        {
            End();
        }
    }

    private void Begin()
    {
        var token = new object();
        Volatile.Write(ref runningItem, token);
        CurrentItem.Value = token;
    }

    private void End()
    {
        CurrentItem.Value = null;
        Volatile.Write(ref runningItem, null);
    }
}
