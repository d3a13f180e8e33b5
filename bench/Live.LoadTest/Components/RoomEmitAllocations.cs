namespace Live.LoadTest.Components;

/// <summary>
/// What the server allocates to fan one event out to a room: measured around <c>EmitToOthersAsync</c> on the emitting
/// thread. When the room's queue is idle the whole emit (serializing the frame once, queuing it for every member) runs
/// synchronously on that thread, so its allocations are exactly the emit's; emits that did not complete synchronously
/// are left out.
/// </summary>
public static class RoomEmitAllocations
{
    private static long bytes;
    private static long deliveries;

    /// <summary>Bytes allocated by the measured emits.</summary>
    public static long Total => Interlocked.Read(ref bytes);

    /// <summary>Deliveries of the measured emits.</summary>
    public static long Deliveries => Interlocked.Read(ref deliveries);

    public static void Reset()
    {
        Interlocked.Exchange(ref bytes, 0);
        Interlocked.Exchange(ref deliveries, 0);
    }

    public static async Task<int> MeasureAsync(Func<Task<int>> emit)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var task = emit();
        if (!task.IsCompletedSuccessfully)
        {
            return await task.ConfigureAwait(false);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Interlocked.Add(ref bytes, allocated);
        Interlocked.Add(ref deliveries, task.Result);
        return task.Result;
    }
}
