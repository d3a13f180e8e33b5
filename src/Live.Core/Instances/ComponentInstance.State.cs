using System.Buffers;
using System.Text.Json;
using Live.Protocol;

namespace Live.Instances;

/// <summary>The state side of an instance: serializing, diffing against what clients hold, and sending the patch.</summary>
internal sealed partial class ComponentInstance
{
    /// <summary>Diffs the state against what clients hold and sends the patch, if anything changed.</summary>
    private async Task FlushOnQueueAsync(string? actionName)
    {
        if (!Component.IsStateDirty || !initialized)
        {
            return;
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
            return;
        }

        stateDocument.Dispose();
        stateDocument = nextDocument;
        stateJson = nextJson;
        Version++;
        var frame = ServerMessages.Patch(Id, Version, ops, static (w, o) => w.WriteRawValue(o.WrittenSpan, skipInputValidation: true));
        host.CountPatch(frame.Length, attached.Length);
        foreach (var sink in attached)
        {
            sink.TrySend(frame);
        }

        if (retained)
        {
            BufferMissedPatch(frame);
        }
        else if (!Descriptor.Singleton)
        {
            ScheduleToken();
        }
    }

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
