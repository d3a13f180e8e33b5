using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Live.IntegrationTests.Infrastructure;

/// <summary>Collects log entries so tests can wait for what the server reported.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<(string Category, EventId EventId, string Message, LogLevel Level)> entries = new();
    private readonly Lock gate = new();
    private TaskCompletionSource changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<(string Category, EventId EventId, string Message, LogLevel Level)> Entries => [.. entries];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    public async Task WaitForAsync(Func<(string Category, EventId EventId, string Message, LogLevel Level), bool> predicate, TimeSpan? timeout = null)
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
                throw new TimeoutException("No matching log entry. Entries:\n" + string.Join("\n", entries.Select(e => $"{e.EventId.Id} {e.Message}")));
            }
        }
    }

    private void Add(string category, EventId eventId, string message, LogLevel level)
    {
        entries.Enqueue((category, eventId, message, level));
        lock (gate)
        {
            changed.TrySetResult();
            changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    private sealed class Logger(CapturingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.Add(category, eventId, formatter(state, exception), logLevel);
    }
}
