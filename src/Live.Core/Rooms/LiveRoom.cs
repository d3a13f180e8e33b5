using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace Live.Rooms;

/// <summary>
/// A typed room holding shared state of type <typeparamref name="TState"/> (a record) that every member receives as
/// patches. Derive a <c>partial</c> class, mark it <see cref="LiveRoomAttribute"/>; the generator registers it, so every
/// room whose name starts with its name and <c>:</c> (<c>chat:general</c> for <c>[LiveRoom("chat")]</c>) is an instance
/// of it. Fields and properties other than <see cref="State"/> are server-only: they are never sent.
/// </summary>
/// <typeparam name="TState">The shared state record.</typeparam>
public abstract class LiveRoom<TState> : LiveRoomBase
    where TState : class
{
    private TState? state;

    /// <summary>The shared state. Assign a new value inside a hook or <see cref="RoomHandle.UpdateAsync{TRoom}"/> work to change it.</summary>
    public TState State
    {
        get => state ??= CreateInitialState();
        protected set
        {
            ArgumentNullException.ThrowIfNull(value);
            if (!ReferenceEquals(state, value))
            {
                state = value;
                IsStateDirty = true;
            }
        }
    }

    internal sealed override Type StateType => typeof(TState);

    /// <summary>Creates the state of a new room. The generator implements it with the parameterless constructor.</summary>
    /// <returns>The initial state.</returns>
    protected abstract TState CreateInitialState();

    internal sealed override void InitializeState()
    {
        state = CreateInitialState();
        IsStateDirty = false;
    }

    internal sealed override void WriteState(Utf8JsonWriter writer, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, State, (JsonTypeInfo<TState>)options.GetTypeInfo(typeof(TState)));

    internal sealed override void ReadState(JsonNode json, JsonSerializerOptions options)
    {
        State = json.Deserialize((JsonTypeInfo<TState>)options.GetTypeInfo(typeof(TState)))
            ?? throw new JsonException("The state JSON was null.");
    }

    internal sealed override object CaptureState() => State;

    internal sealed override void RestoreState(object captured)
    {
        state = (TState)captured;
        IsStateDirty = false;
    }
}
