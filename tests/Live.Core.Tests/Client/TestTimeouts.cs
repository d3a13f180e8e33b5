namespace Live.Core.Tests.Client;

/// <summary>
/// A safety net, not synchronization: every await on the network gets a generous real-time bound so a broken test
/// fails with a timeout instead of hanging the run.
/// </summary>
internal static class TestTimeouts
{
    public static readonly TimeSpan Generous = TimeSpan.FromSeconds(15);

    public static Task<T> Within<T>(this Task<T> task) => task.WaitAsync(Generous);

    public static Task Within(this Task task) => task.WaitAsync(Generous);

    public static Task Within(this ValueTask task) => task.AsTask().WaitAsync(Generous);
}
