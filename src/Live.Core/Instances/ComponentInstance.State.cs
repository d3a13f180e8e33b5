using System.Buffers;
using System.Text.Json;
using Live.Connections;
using Live.Protocol;

namespace Live.Instances;

/// <summary>The state side of an instance: serializing, diffing against what clients hold, and sending the patch.</summary>
internal sealed partial class ComponentInstance
{
    /// <summary>
    /// Diffs the state against what clients hold and sends the patch, if anything changed. When
    /// <paramref name="carrier"/> (the caller of an action) is the only connection attached, nothing is sent:
    /// the change is returned for the caller's <c>result</c> to carry.
    /// </summary>
    private async Task<StateChange?> FlushOnQueueAsync(string? actionName, IConnectionSink? carrier = null)
    {
        if (!Component.IsStateDirty || !initialized)
        {
            return null;
        }

        try
        {
            await Component.RunStateChangedAsync(new StateChangedContext([.. Component.ChangedMembers], actionName)).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Log.HookFailed(host.Logger, ex, "OnStateChangedAsync", Descriptor.Name, Id);
        }

        Component.ResetChanges();
        var nextJson = SerializeState();
        var nextDocument = JsonDocument.Parse(nextJson);
        var ops = new ArrayBufferWriter<byte>(256);
        int count;
        using (var opsWriter = new Utf8JsonWriter(ops, new JsonWriterOptions { Encoder = host.SerializerOptions.Encoder, SkipValidation = true }))
        {
            count = host.PatchBuilderFor(Descriptor).WritePatch(stateDocument!.RootElement, nextDocument.RootElement, opsWriter);
        }

        if (count == 0)
        {
            nextDocument.Dispose();
            return null;
        }

        stateDocument.Dispose();
        stateDocument = nextDocument;
        stateJson = nextJson;
        Version++;
        var change = new StateChange(Version, ops.WrittenMemory);
        if (carrier is not null && attached.Length == 1 && ReferenceEquals(attached[0], carrier))
        {
            host.CountPatch(change.Ops.Length, receivers: 1);
            return change;
        }

        var frame = PatchFrame(change);
        host.CountPatch(frame.Length, attached.Length);
        foreach (var sink in attached)
        {
            sink.TrySend(frame);
        }

        return null;
    }

    private byte[] PatchFrame(StateChange change) =>
        ServerMessages.Patch(Id, change.Version, change.Ops, static (w, o) => w.WriteRawValue(o.Span, skipInputValidation: true));

    private byte[] SerializeState()
    {
        var buffer = new ArrayBufferWriter<byte>(Math.Max(256, stateJson.Length));
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = host.SerializerOptions.Encoder, SkipValidation = true }))
        {
            Component.WriteState(writer, host.SerializerOptions);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private void SetState(byte[] json, long version)
    {
        stateDocument?.Dispose();
        stateDocument = JsonDocument.Parse(json);
        stateJson = json;
        Version = version;
    }
}
