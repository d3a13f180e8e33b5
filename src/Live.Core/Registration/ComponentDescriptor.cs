using System.Collections.Frozen;
using System.ComponentModel;
using System.Text.Json.Serialization.Metadata;
using Live.Authorization;

namespace Live.Registration;

/// <summary>
/// Everything the runtime knows about one component type. Instances are created by code the Live source
/// generator emits; app code does not build them by hand.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class ComponentDescriptor
{
    /// <summary>Creates a descriptor (called by generated code).</summary>
    /// <param name="name">The component's wire name.</param>
    /// <param name="componentType">The component class.</param>
    /// <param name="stateType">The state record type.</param>
    /// <param name="factory">Creates an instance, resolving constructor arguments from the given services.</param>
    /// <param name="actions">The component's public actions.</param>
    /// <param name="singleton">Whether one instance is shared by all connections.</param>
    /// <param name="keepAlive">For singletons: keep the instance after the last connection leaves.</param>
    /// <param name="typeInfoResolver">Generated JSON metadata for the state, argument and result types, if any.</param>
    /// <param name="keyMemberNames">
    /// C# names of members marked <c>[LiveKey]</c> on types used in the state; lists of such items diff by that key
    /// (members named <c>Id</c> are keys without it).
    /// </param>
    /// <param name="immutableState">
    /// Whether every value reachable from the state is immutable (records with init-only members, immutable
    /// collections, scalars), so the runtime may diff state objects directly instead of their serialized JSON.
    /// </param>
    /// <param name="authorize">The class's <c>[Authorize]</c> attributes (including inherited ones).</param>
    /// <param name="allowAnonymous">Whether the class is <c>[AllowAnonymous]</c>: its own <c>[Authorize]</c> attributes are lifted.</param>
    /// <param name="writePolicy">The <c>[LiveComponent(WritePolicy = ...)]</c> policy, or <see langword="null"/>.</param>
    /// <param name="handlesRoomEvents">Whether the component overrides <c>OnRoomEventAsync</c>.</param>
    public ComponentDescriptor(
        string name,
        Type componentType,
        Type stateType,
        Func<IServiceProvider, LiveComponentBase> factory,
        IReadOnlyList<ActionDescriptor> actions,
        bool singleton = false,
        bool keepAlive = false,
        IJsonTypeInfoResolver? typeInfoResolver = null,
        IReadOnlyList<string>? keyMemberNames = null,
        bool immutableState = false,
        IReadOnlyList<AuthorizeData>? authorize = null,
        bool allowAnonymous = false,
        string? writePolicy = null,
        bool handlesRoomEvents = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(componentType);
        ArgumentNullException.ThrowIfNull(stateType);
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(actions);
        Name = name;
        ComponentType = componentType;
        StateType = stateType;
        Factory = factory;
        Actions = actions.ToFrozenDictionary(a => a.Name, StringComparer.Ordinal);
        Singleton = singleton;
        KeepAlive = keepAlive;
        TypeInfoResolver = typeInfoResolver;
        KeyMemberNames = keyMemberNames ?? [];
        ImmutableState = immutableState;
        Authorize = authorize ?? [];
        AllowAnonymous = allowAnonymous;
        WritePolicy = writePolicy;
        Authorization = new ComponentAuthorization(this);
        HandlesRoomEvents = handlesRoomEvents;
    }

    /// <summary>Whether the component overrides <c>OnRoomEventAsync</c> (room events are then delivered to it on the server).</summary>
    public bool HandlesRoomEvents { get; }

    /// <summary>The name clients mount the component by.</summary>
    public string Name { get; }

    /// <summary>The component class.</summary>
    public Type ComponentType { get; }

    /// <summary>The state record type.</summary>
    public Type StateType { get; }

    /// <summary>Creates an instance from the given service provider.</summary>
    public Func<IServiceProvider, LiveComponentBase> Factory { get; }

    /// <summary>The public actions, by wire name.</summary>
    public FrozenDictionary<string, ActionDescriptor> Actions { get; }

    /// <summary>Whether one instance is shared by every connection.</summary>
    public bool Singleton { get; }

    /// <summary>For singletons: whether the instance outlives its last connection.</summary>
    public bool KeepAlive { get; }

    /// <summary>Generated JSON metadata for the types this component sends and receives, if the generator emitted it.</summary>
    public IJsonTypeInfoResolver? TypeInfoResolver { get; }

    /// <summary>C# names of the <c>[LiveKey]</c> members of item types in the state (empty when there are none).</summary>
    public IReadOnlyList<string> KeyMemberNames { get; }

    /// <summary>
    /// Whether the generator found the state's whole graph immutable: the runtime then diffs the old and new state
    /// objects (skipping subtrees that are the same reference) instead of re-serializing the whole state per change.
    /// </summary>
    public bool ImmutableState { get; }
    /// <summary>The class's <c>[Authorize]</c> attributes: they apply to mounting, rehydrating and every action.</summary>
    public IReadOnlyList<AuthorizeData> Authorize { get; }

    /// <summary>Whether the class is <c>[AllowAnonymous]</c> (its class-level <c>[Authorize]</c> attributes do not apply).</summary>
    public bool AllowAnonymous { get; }

    /// <summary>
    /// The policy a connection must satisfy to call actions; connections that mounted but fail it are read-only.
    /// <see langword="null"/> when every connection that may mount may also act.
    /// </summary>
    public string? WritePolicy { get; }

    /// <summary>The requirements that apply to mounting and to each action, worked out once.</summary>
    internal ComponentAuthorization Authorization { get; }
}
