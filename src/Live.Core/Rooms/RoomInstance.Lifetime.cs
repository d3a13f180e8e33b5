namespace Live.Rooms;

/// <summary>The end of a room: the cleanup timer of an empty room, and destroying it (the destroyed hook).</summary>
internal sealed partial class RoomInstance
{
    private void ScheduleCleanupIfEmpty()
    {
        if (connections.Count > 0 || held.Count > 0 || IsDestroyed || cleanupTimer is not null)
        {
            return;
        }

        cleanupTimer = runtime.TimeProvider.CreateTimer(
            static state => ((RoomInstance)state!).OnCleanupDue(),
            this,
            runtime.Options.Rooms.CleanupTimeout,
            Timeout.InfiniteTimeSpan);
    }

    private void CancelCleanup()
    {
        cleanupTimer?.Dispose();
        cleanupTimer = null;
    }

    private void OnCleanupDue() => _ = queue.Enqueue(async () =>
    {
        if (connections.Count == 0 && held.Count == 0 && !IsDestroyed)
        {
            await DestroyOnQueueAsync().ConfigureAwait(false);
        }
    });

    private async Task DestroyOnQueueAsync()
    {
        if (IsDestroyed)
        {
            return;
        }

        IsDestroyed = true;
        CancelCleanup();
        manager.OnDestroyed(this);
        if (Typed is not null)
        {
            try
            {
                await Typed.RunDestroyedAsync().ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                Log.HookFailed(runtime.Logger, ex, "OnDestroyedAsync", Name);
            }
        }

        ReleaseDocument();
    }
}
