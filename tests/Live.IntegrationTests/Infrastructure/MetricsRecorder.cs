using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace Live.IntegrationTests.Infrastructure;

/// <summary>One measurement of a Live instrument.</summary>
public sealed record RecordedMeasurement(string Instrument, double Value, IReadOnlyDictionary<string, object?> Tags)
{
    public string? Tag(string name) => Tags.TryGetValue(name, out var value) ? value?.ToString() : null;
}

/// <summary>
/// Listens to the <c>Live</c> meter of one server only (tests run in parallel, each server has its own meter factory)
/// and lets a test wait, without sleeping, until the measurements it expects have been reported.
/// </summary>
public sealed class MetricsRecorder : IDisposable
{
    private readonly MeterListener listener = new();
    private readonly List<RecordedMeasurement> measurements = [];
    private readonly List<(Func<IReadOnlyList<RecordedMeasurement>, bool> Condition, TaskCompletionSource Done)> waiters = [];

    public MetricsRecorder(LiveServer server)
    {
        var scope = server.Services.GetRequiredService<IMeterFactory>();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "Live" && ReferenceEquals(instrument.Meter.Scope, scope))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((i, value, tags, _) => Add(i, value, tags));
        listener.SetMeasurementEventCallback<double>((i, value, tags, _) => Add(i, value, tags));
        listener.Start();
    }

    public IReadOnlyList<RecordedMeasurement> Snapshot()
    {
        lock (measurements)
        {
            return [.. measurements];
        }
    }

    /// <summary>The sum of the values of <paramref name="instrument"/> whose tags include <paramref name="tags"/>.</summary>
    public static double Sum(IEnumerable<RecordedMeasurement> all, string instrument, params (string Name, string Value)[] tags) =>
        all.Where(m => m.Instrument == instrument && tags.All(t => m.Tag(t.Name) == t.Value)).Sum(m => m.Value);

    public double Sum(string instrument, params (string Name, string Value)[] tags) => Sum(Snapshot(), instrument, tags);

    /// <summary>Completes once <paramref name="condition"/> holds for the measurements so far; fails after <see cref="Clients.Wait"/>.</summary>
    public Task WaitUntilAsync(Func<IReadOnlyList<RecordedMeasurement>, bool> condition)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (measurements)
        {
            if (condition(measurements))
            {
                return Task.CompletedTask;
            }

            waiters.Add((condition, done));
        }

        return done.Task.WaitAsync(Clients.Wait);
    }

    public Task WaitForSumAsync(string instrument, double atLeast, params (string Name, string Value)[] tags) =>
        WaitUntilAsync(all => Sum(all, instrument, tags) >= atLeast);

    public void Dispose() => listener.Dispose();

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var measurement = new RecordedMeasurement(instrument.Name, value, new Dictionary<string, object?>(tags.ToArray()));
        lock (measurements)
        {
            measurements.Add(measurement);
            for (var i = waiters.Count - 1; i >= 0; i--)
            {
                if (waiters[i].Condition(measurements))
                {
                    waiters[i].Done.TrySetResult();
                    waiters.RemoveAt(i);
                }
            }
        }
    }
}
