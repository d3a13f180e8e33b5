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
        var ops = OpsBuffer.Rent(host.SerializerOptions.Encoder);
        int count;
        byte[] written;
        try
        {
            count = typedDiff is not null ? DiffTyped(ops.Writer) : DiffJson(ops.Writer);
            ops.Writer.Flush();

            // The change may outlive this thread's turn (an async hook, a retained instance), so it gets its own array.
            written = count == 0 ? [] : ops.Buffer.WrittenSpan.ToArray();
        }
        finally
        {
            OpsBuffer.Return(ops);
        }

        if (count == 0)
        {
            return null;
        }

        Version++;
        var change = new StateChange(Version, written);
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
    private int DiffTyped(Utf8JsonWriter writer)
    {
        var next = Component.CaptureState();
        var count = typedDiff!.WritePatch(committedState, next, host.SerializerOptions.GetTypeInfo(Descriptor.StateType), writer);

        // Even with no op the new object is committed: its JSON is the same, and later diffs start from it.
        committedState = next;
        if (count > 0)
        {
            stateJson = null;
        }

        return count;
    }

    /// <summary>JSON: serialize the whole new state, parse it, diff the documents. Commits the new JSON on a change.</summary>
    private int DiffJson(Utf8JsonWriter writer)
    {
        var nextJson = Serialize(Component.CaptureState());
        var nextDocument = JsonDocument.Parse(nextJson);
        var count = host.PatchBuilderFor(Descriptor).WritePatch(stateDocument!.RootElement, nextDocument.RootElement, writer);

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

    /// <summary>
    /// One buffer and JSON writer per thread for writing a diff's ops: a change then costs only its exact-size copy
    /// instead of a fresh buffer and writer per action. Rented and returned around synchronous work only.
    /// </summary>
    private static class OpsBuffer
    {
        [ThreadStatic]
        private static Rented? cached;

        public static Rented Rent(System.Text.Encodings.Web.JavaScriptEncoder? encoder)
        {
            var rented = cached is { } c && ReferenceEquals(c.Writer.Options.Encoder, encoder)
                ? c
                : new Rented(encoder);
            cached = null;
            rented.Buffer.ResetWrittenCount();
            rented.Writer.Reset(rented.Buffer);
            return rented;
        }

        public static void Return(Rented rented)
        {
            // A one-off huge diff does not stay alive on the thread.
            if (rented.Buffer.Capacity <= 64 * 1024)
            {
                cached = rented;
            }
        }

        public sealed class Rented
        {
            public Rented(System.Text.Encodings.Web.JavaScriptEncoder? encoder)
            {
                Writer = new Utf8JsonWriter(Buffer, new JsonWriterOptions { Encoder = encoder, SkipValidation = true });
            }

            public ArrayBufferWriter<byte> Buffer { get; } = new(256);

            public Utf8JsonWriter Writer { get; }
        }
    }

    private void DisposeState()
    {
        stateDocument?.Dispose();
        stateDocument = null;
        stateJson = null;
        committedState = null;
    }
}
