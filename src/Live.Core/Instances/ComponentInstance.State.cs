using System.Buffers;
using System.Text.Json;
using Live.Connections;
using Live.Diffing;
using Live.Protocol;

namespace Live.Instances;

/// <summary>
/// The state side of an instance: what clients hold, diffing against it, and sending the change.
/// </summary>
/// <remarks>
/// Two ways to know what clients hold. An immutable state (<see cref="Registration.ComponentDescriptor.ImmutableState"/>)
/// keeps the last sent state <em>object</em> and diffs typed (<see cref="TypedPatchBuilder"/>): only changed values are
/// serialized, and the full JSON is serialized only when asked for (mount, resync) and cached until the next change.
/// Any other state keeps the last sent JSON and its parsed document, and re-serializes the whole state per change.
/// </remarks>
internal sealed partial class ComponentInstance
{
    private TypedPatchBuilder? typedDiff;
    private object? committedState;
    private JsonDocument? stateDocument;
    private byte[]? stateJson;

    /// <summary>The JSON of the state clients hold (for <c>mounted</c> and <c>state</c>), serialized on demand.</summary>
    private byte[] CommittedJson() => stateJson ??= Serialize(committedState);

    /// <summary>
    /// Takes the component's current state as <paramref name="version"/> (0 for a mount, the token's version for a
    /// rehydrate), after the first mount hook.
    /// </summary>
    private void CommitInitialState(long version = 0)
    {
        Version = version;
        typedDiff = host.TypedPatchBuilderFor(Descriptor);
        if (typedDiff is not null)
        {
            committedState = Component.CaptureState();
            stateJson = null;
            return;
        }

        stateJson = Serialize(Component.CaptureState());
        stateDocument = JsonDocument.Parse(stateJson);
    }

    /// <summary>
    /// Per-connection instances rarely need their full JSON again after the mount (only for a resync), so a typed
    /// instance does not keep it: for a large state that is most of its memory.
    /// </summary>
    private void ReleaseJsonCache()
    {
        if (typedDiff is not null && !Descriptor.Singleton)
        {
            stateJson = null;
        }
    }

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
        var ops = new ArrayBufferWriter<byte>(256);
        var count = typedDiff is not null ? DiffTyped(ops) : DiffJson(ops);
        if (count == 0)
        {
            return null;
        }

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

        // A kept (detached) instance has no carrier, so every change it makes while kept lands here and is buffered
        // for the resume; a change carried by a result went to its only connection and is never missing on resume.
        if (retained)
        {
            BufferMissedPatch(frame);
        }
        else if (!Descriptor.Singleton)
        {
            ScheduleToken();
        }

        return null;
    }

    /// <summary>Typed: old and new state objects, unchanged references skipped. Commits the new state.</summary>
    private int DiffTyped(ArrayBufferWriter<byte> ops)
    {
        var next = Component.CaptureState();
        int count;
        using (var writer = new Utf8JsonWriter(ops, new JsonWriterOptions { Encoder = host.SerializerOptions.Encoder, SkipValidation = true }))
        {
            count = typedDiff!.WritePatch(committedState, next, host.SerializerOptions.GetTypeInfo(Descriptor.StateType), writer);
        }

        // Even with no op the new object is committed: its JSON is the same, and later diffs start from it.
        committedState = next;
        if (count > 0)
        {
            stateJson = null;
        }

        return count;
    }

    /// <summary>JSON: serialize the whole new state, parse it, diff the documents. Commits the new JSON on a change.</summary>
    private int DiffJson(ArrayBufferWriter<byte> ops)
    {
        var nextJson = Serialize(Component.CaptureState());
        var nextDocument = JsonDocument.Parse(nextJson);
        int count;
        using (var writer = new Utf8JsonWriter(ops, new JsonWriterOptions { Encoder = host.SerializerOptions.Encoder, SkipValidation = true }))
        {
            count = host.PatchBuilderFor(Descriptor).WritePatch(stateDocument!.RootElement, nextDocument.RootElement, writer);
        }

        if (count == 0)
        {
            nextDocument.Dispose();
            return 0;
        }

        stateDocument!.Dispose();
        stateDocument = nextDocument;
        stateJson = nextJson;
        return count;
    }

    private byte[] PatchFrame(StateChange change) =>
        ServerMessages.Patch(Id, change.Version, change.Ops, static (w, o) => w.WriteRawValue(o.Span, skipInputValidation: true));

    private byte[] Serialize(object? state)
    {
        var buffer = new ArrayBufferWriter<byte>(Math.Max(256, stateJson?.Length ?? 0));
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = host.SerializerOptions.Encoder, SkipValidation = true }))
        {
            JsonSerializer.Serialize(writer, state, host.SerializerOptions.GetTypeInfo(Descriptor.StateType));
        }

        return buffer.WrittenSpan.ToArray();
    }

    private void DisposeState()
    {
        stateDocument?.Dispose();
        stateDocument = null;
        stateJson = null;
        committedState = null;
    }
}
