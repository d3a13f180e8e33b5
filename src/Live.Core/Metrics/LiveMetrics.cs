using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Live.Metrics;

/// <summary>
/// Live's instruments, on a <see cref="Meter"/> named <c>Live</c> with OpenTelemetry-style names, so
/// <c>dotnet-counters monitor --counters Live</c> and OpenTelemetry's <c>AddMeter("Live")</c> read them as they are.
/// It also keeps the in-process totals the stats endpoint shows (<see cref="Statistics"/>). The runtime calls it from
/// its hot paths: with no listener an instrument call costs a field check, and the totals are a few interlocked adds.
/// </summary>
internal sealed class LiveMetrics : IDisposable
{
    /// <summary>The meter's name, the one to subscribe to.</summary>
    public const string MeterName = "Live";

    /// <summary>The tag carrying a component's registered name.</summary>
    public const string ComponentTag = "live.component";

    /// <summary>The tag carrying an action's wire name.</summary>
    public const string ActionTag = "live.action";

    /// <summary>The tag carrying how an action ended (see <see cref="ActionOutcomes"/>).</summary>
    public const string OutcomeTag = "live.outcome";

    /// <summary>The tag carrying the error code a frame was refused with.</summary>
    public const string ReasonTag = "live.reason";

    // Action durations are short: finer buckets at the low end than HTTP's defaults.
    private static readonly double[] DurationBuckets =
        [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly Meter meter;
    private readonly bool ownsMeter;
    private readonly UpDownCounter<long> connectionsActive;
    private readonly UpDownCounter<long> componentsMounted;
    private readonly Counter<long> actions;
    private readonly Histogram<double> actionDuration;
    private readonly Counter<long> bytesSent;
    private readonly Counter<long> bytesReceived;
    private readonly Counter<long> patchesSent;
    private readonly Counter<long> requestsRateLimited;
    private readonly Counter<long> framesRejected;
    private readonly Counter<long> sendQueueOverflows;
    private readonly Counter<long> resumes;
    private readonly Counter<long> rehydrates;
    private readonly Counter<long> tokensSigned;
    private readonly Counter<long> connectionsRefused;
    private Func<int>? retainedSource;
    private readonly UpDownCounter<long> roomMemberships;
    private readonly Counter<long> roomEventsDelivered;

    /// <summary>Creates the instruments on a meter from <paramref name="meterFactory"/>, or on an own meter without one.</summary>
    /// <param name="meterFactory">The host's meter factory (it scopes and disposes the meter); <see langword="null"/> in tests.</param>
    public LiveMetrics(IMeterFactory? meterFactory = null)
    {
        if (meterFactory is not null)
        {
            meter = meterFactory.Create(MeterName);
        }
        else
        {
            meter = new Meter(MeterName);
            ownsMeter = true;
        }

        connectionsActive = meter.CreateUpDownCounter<long>("live.connections.active", "{connection}", "Open Live WebSocket connections.");
        connectionsRefused = meter.CreateCounter<long>("live.connections.refused", "{connection}",
            "Upgrade requests refused before a WebSocket was accepted, by reason (not_websocket, unsupported_protocol, origin, shutting_down, user_connection_limit).");
        componentsMounted = meter.CreateUpDownCounter<long>("live.components.mounted", "{mount}", "Component mounts currently held: one per connection that mounted the component.");
        actions = meter.CreateCounter<long>("live.actions", "{action}", "Action requests handled, by component, action and outcome.");
        actionDuration = meter.CreateHistogram("live.action.duration", "s", "Time an action took on its instance's queue, including diffing and queuing the patch.",
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
        bytesSent = meter.CreateCounter<long>("live.bytes.sent", "By", "Bytes of WebSocket frames written to clients.");
        bytesReceived = meter.CreateCounter<long>("live.bytes.received", "By", "Bytes of WebSocket frames received from clients.");
        patchesSent = meter.CreateCounter<long>("live.patches.sent", "{patch}", "Patch messages sent, one per receiving connection.");
        requestsRateLimited = meter.CreateCounter<long>("live.requests.rate_limited", "{request}", "Requests refused by a rate limit.");
        framesRejected = meter.CreateCounter<long>("live.frames.rejected", "{frame}", "Frames refused before dispatch, by error code.");
        sendQueueOverflows = meter.CreateCounter<long>("live.send_queue.overflows", "{connection}", "Connections closed because their send queue was full.");
        resumes = meter.CreateCounter<long>("live.resumes", "{request}", "Resume requests, by outcome (patches, state, failed, denied).");
        rehydrates = meter.CreateCounter<long>("live.rehydrates", "{request}", "Rehydrate requests, by outcome (ok or the error code).");
        tokensSigned = meter.CreateCounter<long>("live.tokens.signed", "{token}", "State tokens signed (mounted, token, resumed messages).");
        meter.CreateObservableGauge("live.instances.retained", () => retainedSource?.Invoke() ?? 0, "{instance}",
            "Per-connection instances kept after their connection went away, waiting for a resume.");
        roomMemberships = meter.CreateUpDownCounter<long>("live.rooms.memberships", "{membership}", "Connections currently in rooms: one per connection and room.");
        roomEventsDelivered = meter.CreateCounter<long>("live.room_events.delivered", "{event}", "Room events queued for connections, one per receiving connection.");
    }

    /// <summary>The meter the instruments live on.</summary>
    public Meter Meter => meter;

    /// <summary>In-process totals for the stats endpoint.</summary>
    public LiveStatistics Statistics { get; } = new();

    public void ConnectionOpened()
    {
        connectionsActive.Add(1);
        Statistics.ConnectionOpened();
    }

    /// <summary>Counts an upgrade refused before the WebSocket was accepted; <paramref name="reason"/> is a fixed, low-cardinality name.</summary>
    public void ConnectionRefused(string reason) => connectionsRefused.Add(1, new KeyValuePair<string, object?>(ReasonTag, reason));

    public void ConnectionClosed()
    {
        connectionsActive.Add(-1);
        Statistics.ConnectionClosed();
    }

    /// <summary>A connection mounted (attached to) an instance of <paramref name="component"/>.</summary>
    public void Mounted(string component)
    {
        componentsMounted.Add(1, new KeyValuePair<string, object?>(ComponentTag, component));
        Statistics.For(component).Mounted();
    }

    /// <summary><paramref name="count"/> mounts of <paramref name="component"/> ended (unmount, disconnect or destroy).</summary>
    public void Unmounted(string component, int count)
    {
        if (count == 0)
        {
            return;
        }

        componentsMounted.Add(-count, new KeyValuePair<string, object?>(ComponentTag, component));
        Statistics.For(component).Unmounted(count);
    }

    /// <summary>An instance of <paramref name="component"/> got its initial state.</summary>
    public void InstanceCreated(string component) => Statistics.For(component).InstanceCreated();

    /// <summary>An instance that had been created was destroyed.</summary>
    public void InstanceDestroyed(string component) => Statistics.For(component).InstanceDestroyed();

    /// <summary>Records one action request that reached its component, from <paramref name="startTimestamp"/> (<see cref="Stopwatch.GetTimestamp"/>).</summary>
    public void ActionCompleted(string component, string action, string outcome, long startTimestamp)
    {
        var elapsed = Stopwatch.GetElapsedTime(startTimestamp);

        // Totals first: a listener that saw the measurement may read the stats straight away.
        Statistics.For(component).ActionCompleted(action, outcome, elapsed);
        var tags = new TagList
        {
            { ComponentTag, component },
            { ActionTag, action },
            { OutcomeTag, outcome },
        };
        actions.Add(1, tags);
        actionDuration.Record(elapsed.TotalSeconds, tags);
    }

    public void BytesSent(int count) => bytesSent.Add(count);

    public void BytesReceived(int count) => bytesReceived.Add(count);

    /// <summary>One patch of <paramref name="bytes"/> went to <paramref name="receivers"/> connections.</summary>
    public void PatchSent(int bytes, int receivers)
    {
        _ = bytes; // The bytes are counted when written, with everything else sent.
        patchesSent.Add(receivers);
    }

    /// <summary>A request was refused by a rate limit.</summary>
    public void RequestRateLimited(string component, string action) =>
        requestsRateLimited.Add(1, new KeyValuePair<string, object?>(ComponentTag, component), new KeyValuePair<string, object?>(ActionTag, action));

    /// <summary>A frame was refused with the error <paramref name="code"/> (a constant of <c>ErrorCodes</c>).</summary>
    public void FrameRejected(string code) => framesRejected.Add(1, new KeyValuePair<string, object?>(ReasonTag, code));

    public void SendQueueOverflowed() => sendQueueOverflows.Add(1);

    /// <summary>Sets where the retained-instances gauge reads its value.</summary>
    public void ObserveRetained(Func<int> source) => retainedSource = source;

    /// <summary>A resume request ended with <paramref name="outcome"/>.</summary>
    public void Resumed(string outcome) => resumes.Add(1, new KeyValuePair<string, object?>(OutcomeTag, outcome));

    /// <summary>A rehydrate request ended with <paramref name="outcome"/>.</summary>
    public void Rehydrated(string outcome) => rehydrates.Add(1, new KeyValuePair<string, object?>(OutcomeTag, outcome));

    /// <summary>A state token was signed.</summary>
    public void TokenSigned() => tokensSigned.Add(1);
    /// <summary>A connection joined a room.</summary>
    public void RoomJoined() => roomMemberships.Add(1);

    /// <summary>A connection left a room.</summary>
    public void RoomLeft() => roomMemberships.Add(-1);

    /// <summary>One event frame of <paramref name="bytes"/> was queued for <paramref name="receivers"/> connections.</summary>
    public void RoomEventSent(int bytes, int receivers)
    {
        _ = bytes; // Counted when written, with everything else sent.
        roomEventsDelivered.Add(receivers);
    }

    public void Dispose()
    {
        if (ownsMeter)
        {
            meter.Dispose();
        }
    }
}
