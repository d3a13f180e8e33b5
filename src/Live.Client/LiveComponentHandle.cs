using System.Text.Json;
using System.Text.Json.Nodes;
using Live.Client.Patching;
using Microsoft.Extensions.Logging;

namespace Live.Client;

/// <summary>
/// A mounted component: its live state, kept exact by applying the server's patches in version order, and its
/// actions. Obtain one from <see cref="LiveConnection.MountAsync(string, object?, CancellationToken)"/>.
/// </summary>
public sealed partial class LiveComponentHandle
{
    private readonly LiveConnection _connection;
    private readonly Lock _gate = new();
    private readonly List<(long Version, JsonElement Ops)> _buffered = [];
    private readonly TaskCompletionSource<Exception?> _detached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private JsonNode _state;
    private long _version;
    private bool _resyncPending;
    private bool _diverged;
    private string _instanceId;

    internal LiveComponentHandle(LiveConnection connection, string instanceId, string component, long version, JsonNode state)
    {
        _connection = connection;
        _instanceId = instanceId;
        Component = component;
        _version = version;
        _state = state;
    }

    /// <summary>
    /// Raised after each patch or full state from the server has been applied. Runs on the connection's reader, in
    /// order; a slow handler delays every later message, so hand heavy work off.
    /// </summary>
    public event Action<LiveComponentHandle>? StateChanged;

    /// <summary>
    /// Raised after a reconnect brought this component back, saying how (<see cref="LastRestore"/>). Runs on the
    /// connection's reconnect task. After <see cref="LiveRestoreKind.Rehydrated"/> or <see cref="LiveRestoreKind.Mounted"/>
    /// the <see cref="InstanceId"/> is a new one; actions and <see cref="StateChanged"/> keep working either way.
    /// </summary>
    public event Action<LiveComponentHandle, LiveRestoreKind>? Restored;

    /// <summary>The server's id for this instance, e.g. <c>c_5Jw8…</c>. A reconnect that rehydrates or re-mounts changes it.</summary>
    public string InstanceId
    {
        get => Volatile.Read(ref _instanceId);
        private set => Volatile.Write(ref _instanceId, value);
    }

    /// <summary>How the last reconnect brought this component back; <see langword="null"/> before any reconnect.</summary>
    public LiveRestoreKind? LastRestore { get; private set; }

    /// <summary>The props it was mounted with, sent again when it has to be rehydrated or mounted afresh.</summary>
    internal JsonElement Props { get; init; }

    /// <summary>
    /// <see langword="true"/> when the server said, at mount, that this connection fails the component's write policy:
    /// it receives the state, but its actions will be refused with <c>read_only</c>. A hint for a UI; the server checks
    /// every action anyway.
    /// </summary>
    public bool IsReadOnly { get; internal set; }

    /// <summary>The newest signed state token the server sent for this instance (per-connection components only).</summary>
    internal string? StateToken { get; set; }

    /// <summary>The secret that resumes this instance after a drop (per-connection components only).</summary>
    internal string? ResumeSecret { get; set; }

    /// <summary>The component's registered name.</summary>
    public string Component { get; }

    /// <summary>The version of <see cref="State"/>: the mount's version plus one per applied patch.</summary>
    public long Version
    {
        get
        {
            lock (_gate)
            {
                return _version;
            }
        }
    }

    /// <summary>A copy of the current state; changing it changes nothing here or on the server.</summary>
    public JsonNode State
    {
        get
        {
            lock (_gate)
            {
                return _state.DeepClone();
            }
        }
    }

    /// <summary>Whether the component is still mounted on an open connection.</summary>
    public bool IsMounted => !_detached.Task.IsCompleted;

    /// <summary>The current state as <typeparamref name="T"/>, read with the connection's JSON options.</summary>
    /// <typeparam name="T">The state type, typically the component's state record.</typeparam>
    /// <returns>A new instance holding the current state.</returns>
    public T GetState<T>()
    {
        lock (_gate)
        {
            return _state.Deserialize<T>(_connection.JsonOptions)
                ?? throw new JsonException($"The state of '{InstanceId}' deserialized to null.");
        }
    }

    /// <summary>
    /// Completes when <paramref name="predicate"/> holds for the state: at once if it already does, else after the
    /// change that makes it true.
    /// </summary>
    /// <param name="predicate">Tested against a copy of the state after each change.</param>
    /// <param name="timeout">How long to wait, measured by the connection's <see cref="TimeProvider"/>.</param>
    /// <param name="ct">Stops waiting.</param>
    /// <returns>A task that completes when the predicate holds.</returns>
    /// <exception cref="TimeoutException">The predicate did not hold within <paramref name="timeout"/>.</exception>
    /// <exception cref="LiveConnectionClosedException">The connection closed first.</exception>
    public async Task WaitForStateAsync(Func<JsonNode, bool> predicate, TimeSpan timeout, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        var satisfied = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnChanged(LiveComponentHandle handle)
        {
            if (predicate(handle.State))
            {
                satisfied.TrySetResult();
            }
        }

        StateChanged += OnChanged;
        try
        {
            if (predicate(State))
            {
                return;
            }

            var first = await Task.WhenAny(satisfied.Task, _detached.Task)
                .WaitAsync(timeout, _connection.Time, ct)
                .ConfigureAwait(false);
            if (first == _detached.Task && !satisfied.Task.IsCompleted)
            {
                throw await _detached.Task.ConfigureAwait(false)
                    ?? new InvalidOperationException($"'{InstanceId}' was unmounted.");
            }
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"The state of '{InstanceId}' ({Component}) did not reach the expected condition within {timeout}.");
        }
        finally
        {
            StateChanged -= OnChanged;
        }
    }

    /// <summary>
    /// Calls an action and waits for its <c>result</c>. Any patch the action caused has been applied to
    /// <see cref="State"/> by the time this completes.
    /// </summary>
    /// <param name="action">The action's wire name, e.g. <c>add</c> for <c>Add</c>.</param>
    /// <param name="args">The arguments by parameter name, e.g. <c>new { text = "milk" }</c>; <see langword="null"/> for none.</param>
    /// <param name="ct">Stops waiting for the answer (the server may still run the action).</param>
    /// <returns>The action's return value; <see langword="null"/> when the action returns nothing.</returns>
    /// <exception cref="LiveErrorException">The server refused or the action failed (see <see cref="LiveErrorException.Code"/>).</exception>
    public Task<JsonElement?> InvokeAsync(string action, object? args = null, CancellationToken ct = default)
    {
        ThrowIfDetached();
        return _connection.InvokeAsync(this, action, args, ct);
    }

    /// <summary>Calls an action and reads its return value as <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The action's return type.</typeparam>
    /// <param name="action">The action's wire name.</param>
    /// <param name="args">The arguments by parameter name; <see langword="null"/> for none.</param>
    /// <param name="ct">Stops waiting for the answer.</param>
    /// <returns>The return value; <c>default</c> when the action returned nothing or <c>null</c>.</returns>
    public async Task<T?> InvokeAsync<T>(string action, object? args = null, CancellationToken ct = default)
    {
        var value = await InvokeAsync(action, args, ct).ConfigureAwait(false);
        return value is { } element ? element.Deserialize<T>(_connection.JsonOptions) : default;
    }

    /// <summary>Unmounts the component; the handle receives no more changes.</summary>
    /// <param name="ct">Stops waiting for the answer.</param>
    /// <returns>A task that completes when the server confirmed.</returns>
    public Task UnmountAsync(CancellationToken ct = default)
    {
        ThrowIfDetached();
        return _connection.UnmountAsync(this, ct);
    }

    /// <inheritdoc />
    public override string ToString() => $"{Component} '{InstanceId}' v{Version}";

    /// <summary>Handles a <c>patch</c> message (reader only).</summary>
    internal void OnPatch(long version, JsonElement ops)
    {
        PatchOutcome outcome;
        lock (_gate)
        {
            outcome = ProcessPatchLocked(version, ops);
        }

        Complete(outcome);
    }

    /// <summary>
    /// Applies the state change a <c>result</c> carries (its <c>ops</c>) before the caller sees the result (reader
    /// only). A result without ops changes nothing. The ops' version is implied: one more than the version held (the
    /// server puts ops in a result only when this connection is the instance's only one, so every earlier change came
    /// before it on this socket). While a resync is pending the ops are dropped: the server produced the <c>state</c>
    /// answer after them, so it includes them.
    /// </summary>
    internal void OnResult(JsonElement answer)
    {
        if (!answer.TryGetProperty("ops", out var ops))
        {
            return;
        }

        PatchOutcome outcome;
        lock (_gate)
        {
            if (_resyncPending)
            {
                return;
            }

            // A copy known to be off (or ops that are not an array) can only be mended by the full state, which
            // the server produces after this change.
            outcome = _diverged || ops.ValueKind != JsonValueKind.Array
                ? StartResyncLocked(null)
                : ProcessPatchLocked(_version + 1, ops);
        }

        Complete(outcome);
    }

    /// <summary>Applies the <c>state</c> answer to a resync, then the buffered patches after it (reader only).</summary>
    internal void ApplyResyncAnswer(JsonElement answer)
    {
        var version = answer.GetProperty("version").GetInt64();
        var state = Protocol.JsonNodes.FromElement(answer.GetProperty("state"))
            ?? throw new InvalidDataException("'state' must not be null.");
        var outcome = PatchOutcome.Changed;
        lock (_gate)
        {
            _state = state;
            _version = version;
            _resyncPending = false;
            _diverged = false;
            var buffered = _buffered.ToArray();
            _buffered.Clear();
            foreach (var (patchVersion, ops) in buffered)
            {
                if (patchVersion > version)
                {
                    // Once one of these starts another resync, the rest are buffered again behind it.
                    outcome |= ProcessPatchLocked(patchVersion, ops);
                }
            }
        }

        Log.Resynced(_connection.Logger, InstanceId, version);
        Complete(outcome);
    }

    /// <summary>
    /// The resync request failed. Returns whether to retry at once (patches arrived meanwhile, so the instance is
    /// alive and this copy is behind); otherwise the next patch starts another resync.
    /// </summary>
    internal bool OnResyncFailed()
    {
        lock (_gate)
        {
            if (_buffered.Count > 0)
            {
                return true; // still pending; the buffered patches wait for the retry's answer
            }

            _resyncPending = false;
            _diverged = true;
            return false;
        }
    }

    /// <summary>Applies a <c>resumed</c> answer (reader): the full state when it carries one, and the new secret and token.</summary>
    internal void ApplyResumed(JsonElement answer)
    {
        if (answer.TryGetProperty("state", out _))
        {
            ApplyResyncAnswer(answer);
        }

        ResumeSecret = answer.GetProperty("resume").GetString();

        // A state too large for a token the server could read back gets none: the token held (an older state of the
        // same instance) is kept.
        if (answer.TryGetProperty("token", out var token) && token.ValueKind == JsonValueKind.String)
        {
            StateToken = token.GetString();
        }
    }

    /// <summary>Takes over a new instance from a <c>mounted</c> answer to a rehydrate or mount (reader).</summary>
    internal void ApplyMounted(JsonElement mounted)
    {
        var instance = mounted.GetProperty("instance").GetString() ?? throw new InvalidDataException("'instance' must be a string.");
        var version = mounted.GetProperty("version").GetInt64();
        var state = Protocol.JsonNodes.FromElement(mounted.GetProperty("state")) ?? throw new InvalidDataException("'state' must not be null.");
        lock (_gate)
        {
            _state = state;
            _version = version;
            _resyncPending = false;
            _diverged = false;
            _buffered.Clear();
        }

        InstanceId = instance;
        StateToken = mounted.TryGetProperty("token", out var token) ? token.GetString() : null;
        ResumeSecret = mounted.TryGetProperty("resume", out var resume) ? resume.GetString() : null;
        IsReadOnly = mounted.TryGetProperty("readOnly", out var readOnly) && readOnly.ValueKind == JsonValueKind.True;
        Complete(PatchOutcome.Changed);
    }

    /// <summary>Records how a reconnect brought the component back and tells the subscribers.</summary>
    internal void OnRestored(LiveRestoreKind kind)
    {
        LastRestore = kind;
        foreach (var handler in Restored?.GetInvocationList().Cast<Action<LiveComponentHandle, LiveRestoreKind>>() ?? [])
        {
            try
            {
                handler(this, kind);
            }
#pragma warning disable CA1031 // A subscriber's exception must not stop the reconnect.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Log.StateChangedHandlerFailed(_connection.Logger, InstanceId, ex);
            }
        }
    }

    /// <summary>Marks the handle unmounted (or its connection closed, with <paramref name="reason"/>).</summary>
    internal void Detach(Exception? reason) => _detached.TrySetResult(reason);

    private PatchOutcome ProcessPatchLocked(long version, JsonElement ops)
    {
        if (_resyncPending)
        {
            _buffered.Add((version, ops));
            return PatchOutcome.None;
        }

        if (_diverged || version != _version + 1)
        {
            Log.VersionGap(_connection.Logger, InstanceId, _version + 1, version);
            return StartResyncLocked((version, ops));
        }

        try
        {
            _state = JsonPatchApplier.Apply(_state, ops)
                ?? throw new JsonPatchException("the patch made the state null", -1, null);
            _version = version;
            return PatchOutcome.Changed;
        }
        catch (JsonPatchException ex)
        {
            Log.PatchFailed(_connection.Logger, InstanceId, version, ex);
            return StartResyncLocked((version, ops));
        }
    }

    private PatchOutcome StartResyncLocked((long Version, JsonElement Ops)? patch)
    {
        // Keep the patch: if the state answer is older than it, it applies after the answer.
        _resyncPending = true;
        if (patch is { } kept)
        {
            _buffered.Add(kept);
        }

        return PatchOutcome.NeedsResync;
    }

    private void Complete(PatchOutcome outcome)
    {
        if ((outcome & PatchOutcome.NeedsResync) != 0)
        {
            _connection.BeginResync(this);
        }

        if ((outcome & PatchOutcome.Changed) == 0 || StateChanged is not { } handlers)
        {
            return;
        }

        // One by one, so a throwing subscriber neither stops the reader nor starves the others.
        foreach (var handler in handlers.GetInvocationList().Cast<Action<LiveComponentHandle>>())
        {
            try
            {
                handler(this);
            }
#pragma warning disable CA1031 // A subscriber's exception must not stop the connection's reader.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Log.StateChangedHandlerFailed(_connection.Logger, InstanceId, ex);
            }
        }
    }

    private void ThrowIfDetached()
    {
        if (_detached.Task.IsCompleted)
        {
            throw _detached.Task.Result ?? new InvalidOperationException($"'{InstanceId}' ({Component}) has been unmounted.");
        }
    }

    [Flags]
    private enum PatchOutcome
    {
        None = 0,
        Changed = 1,
        NeedsResync = 2,
    }

    private static partial class Log
    {
        [LoggerMessage(101, LogLevel.Information, "Patch for '{Instance}' has version {Actual}, expected {Expected}: resyncing.")]
        public static partial void VersionGap(ILogger logger, string instance, long expected, long actual);

        [LoggerMessage(102, LogLevel.Warning, "Patch {Version} for '{Instance}' could not be applied: resyncing.")]
        public static partial void PatchFailed(ILogger logger, string instance, long version, Exception exception);

        [LoggerMessage(103, LogLevel.Debug, "Replaced the state of '{Instance}' with version {Version} from the server.")]
        public static partial void Resynced(ILogger logger, string instance, long version);

        [LoggerMessage(104, LogLevel.Error, "A StateChanged handler of '{Instance}' threw.")]
        public static partial void StateChangedHandlerFailed(ILogger logger, string instance, Exception exception);
    }
}
