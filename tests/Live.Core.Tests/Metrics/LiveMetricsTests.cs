using System.Diagnostics;
using System.Diagnostics.Metrics;
using Live.Metrics;

namespace Live.Core.Tests.Metrics;

public sealed class LiveMetricsTests
{
    [Fact]
    public void Action_statistics_keep_count_errors_mean_and_max()
    {
        var statistics = new ActionStatistics();

        statistics.Record(ActionOutcomes.Ok, TimeSpan.FromMilliseconds(2));
        statistics.Record(ActionOutcomes.InvalidArgs, TimeSpan.FromMilliseconds(6));
        statistics.Record(ActionOutcomes.Ok, TimeSpan.FromMilliseconds(4));

        Assert.Equal(3, statistics.Count);
        Assert.Equal(1, statistics.Errors);
        Assert.Equal(TimeSpan.FromMilliseconds(4), statistics.Mean);
        Assert.Equal(TimeSpan.FromMilliseconds(6), statistics.Max);
    }

    [Fact]
    public void Mounts_and_instances_are_counted_per_component_and_unmounting_nothing_changes_nothing()
    {
        using var metrics = new LiveMetrics();

        metrics.InstanceCreated("Board");
        metrics.Mounted("Board");
        metrics.Mounted("Board");
        metrics.Mounted("Counter");
        metrics.Unmounted("Board", 1);
        metrics.Unmounted("Counter", 0);

        var board = metrics.Statistics.For("Board");
        Assert.Equal(1, board.Mounts);
        Assert.Equal(1, board.Instances);
        Assert.Equal(1, metrics.Statistics.For("Counter").Mounts);
    }

    [Fact]
    public void An_action_is_reported_on_the_Live_meter_with_its_tags_and_a_duration_in_seconds()
    {
        using var metrics = new LiveMetrics();
        var seen = new List<(string Name, double Value, Dictionary<string, object?> Tags)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (ReferenceEquals(instrument.Meter, metrics.Meter))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((i, v, tags, _) => seen.Add((i.Name, v, new Dictionary<string, object?>(tags.ToArray()))));
        listener.SetMeasurementEventCallback<double>((i, v, tags, _) => seen.Add((i.Name, v, new Dictionary<string, object?>(tags.ToArray()))));
        listener.Start();

        metrics.ActionCompleted("Counter", "add", ActionOutcomes.Failed, Stopwatch.GetTimestamp() - Stopwatch.Frequency / 100);

        Assert.Equal("Live", metrics.Meter.Name);
        var count = Assert.Single(seen, m => m.Name == "live.actions");
        Assert.Equal(1, count.Value);
        Assert.Equal("Counter", count.Tags["live.component"]);
        Assert.Equal("add", count.Tags["live.action"]);
        Assert.Equal("failed", count.Tags["live.outcome"]);
        var duration = Assert.Single(seen, m => m.Name == "live.action.duration");
        Assert.InRange(duration.Value, 0.01, 60);
        Assert.Equal(1, metrics.Statistics.For("Counter").Actions.Single().Value.Errors);
    }
}
