using Live.IntegrationTests.Infrastructure;

namespace Live.IntegrationTests.Components;

/// <summary>A DI service components write their hook calls to, so tests can see lifecycle order.</summary>
public sealed class HookLog
{
    private readonly WatchedList<string> entries = new();

    public IReadOnlyList<string> Entries => entries.Entries;

    public void Add(string entry) => entries.Add(entry);

    /// <summary>Waits until an entry matching <paramref name="predicate"/> was logged.</summary>
    public Task WaitForAsync(Func<string, bool> predicate, TimeSpan? timeout = null) => entries.WaitForAsync(predicate, timeout);
}
