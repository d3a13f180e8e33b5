using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace Live.LoadTest.Measurement;

/// <summary>
/// Reads the in-process Live server's own instruments (the <c>Live</c> meter of that server only): the bytes of the
/// frames it wrote and read, the time actions took on their instance, and the state tokens it signed.
/// </summary>
public sealed class LiveMeterProbe : IDisposable
{
    private readonly MeterListener listener = new();
    private long bytesSent;
    private long bytesReceived;
    private long actions;
    private long actionMicroseconds;
    private long tokensSigned;

    public LiveMeterProbe(IServiceProvider services)
    {
        var scope = services.GetRequiredService<IMeterFactory>();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "Live" && ReferenceEquals(instrument.Meter.Scope, scope)
                && instrument.Name is "live.bytes.sent" or "live.bytes.received" or "live.action.duration" or "live.tokens.signed")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            if (instrument.Name == "live.bytes.sent")
            {
                Interlocked.Add(ref bytesSent, value);
            }
            else if (instrument.Name == "live.tokens.signed")
            {
                Interlocked.Add(ref tokensSigned, value);
            }
            else
            {
                Interlocked.Add(ref bytesReceived, value);
            }
        });
        listener.SetMeasurementEventCallback<double>((_, seconds, _, _) =>
        {
            Interlocked.Increment(ref actions);
            Interlocked.Add(ref actionMicroseconds, (long)(seconds * 1_000_000));
        });
        listener.Start();
    }

    public (long Sent, long Received, long Actions, double ActionSeconds) Snapshot() =>
        (Interlocked.Read(ref bytesSent), Interlocked.Read(ref bytesReceived), Interlocked.Read(ref actions), Interlocked.Read(ref actionMicroseconds) / 1e6);

    /// <summary>State tokens signed so far (mounted, token and resumed messages).</summary>
    public long TokensSigned => Interlocked.Read(ref tokensSigned);

    public void Dispose() => listener.Dispose();
}
