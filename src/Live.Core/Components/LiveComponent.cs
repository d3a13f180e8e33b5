using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Live;

/// <summary>
/// A server-side live component holding state of type <typeparamref name="TState"/> (a record). Derive a
/// <c>partial</c> class from it, mark it <see cref="LiveComponentAttribute"/>, and mark the methods clients may
/// call with <see cref="PublicActionAttribute"/>. The source generator adds a property per state member, so
/// <c>Count++</c> inside the component reads and writes <see cref="State"/> and records the change.
/// </summary>
/// <typeparam name="TState">The state record; it is serialized to the client, so keep secrets out of it.</typeparam>
public abstract class LiveComponent<TState> : LiveComponentBase
    where TState : class
{
    private TState? state;

    /// <summary>
    /// The component's state. Assign a new value (<c>State = State with { ... }</c>) to change it; the runtime
    /// sends the difference to the client after the current action.
    /// </summary>
    public TState State
    {
        get => state ??= CreateInitialState();
        protected set
        {
            ArgumentNullException.ThrowIfNull(value);
            if (!ReferenceEquals(state, value))
            {
                state = value;
                StateHasChanged();
            }
        }
    }

    internal sealed override Type StateType => typeof(TState);

    /// <summary>
    /// Creates the default state of a new instance. The source generator implements it with the state type's
    /// parameterless constructor; override it to start from something else.
    /// </summary>
    /// <returns>The default state.</returns>
    protected abstract TState CreateInitialState();

    internal sealed override void InitializeState()
    {
        state = CreateInitialState();
        ResetChanges();
    }

    internal sealed override object CaptureState() => State;

    internal sealed override void RestoreState(object captured)
    {
        state = (TState)captured;
        ResetChanges();
    }

    internal sealed override void WriteState(Utf8JsonWriter writer, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, State, (JsonTypeInfo<TState>)options.GetTypeInfo(typeof(TState)));

    internal sealed override void ReadState(JsonElement json, JsonSerializerOptions options) =>
        state = json.Deserialize((JsonTypeInfo<TState>)options.GetTypeInfo(typeof(TState)))
            ?? throw new JsonException("The state JSON was null.");
}
