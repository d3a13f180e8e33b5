using Microsoft.Extensions.Logging;

namespace Live.IntegrationTests.Infrastructure;

/// <summary>Collects log entries so tests can wait for what the server reported.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly WatchedList<(string Category, EventId EventId, string Message, LogLevel Level)> entries = new();

    public IReadOnlyList<(string Category, EventId EventId, string Message, LogLevel Level)> Entries => entries.Entries;

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    public Task WaitForAsync(Func<(string Category, EventId EventId, string Message, LogLevel Level), bool> predicate, TimeSpan? timeout = null) =>
        entries.WaitForAsync(predicate, timeout);

    private sealed class Logger(CapturingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.entries.Add((category, eventId, formatter(state, exception), logLevel));
    }
}
