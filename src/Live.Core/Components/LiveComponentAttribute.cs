namespace Live;

/// <summary>
/// Marks a <c>partial</c> class deriving from <see cref="LiveComponent{TState}"/> as a live component.
/// The Live source generator registers it, emits its typed action dispatcher and its state proxy properties.
/// </summary>
/// <example>
/// <code>
/// [LiveComponent]                       // name defaults to "Counter"
/// public sealed partial class Counter : LiveComponent&lt;CounterState&gt; { ... }
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
public sealed class LiveComponentAttribute : Attribute
{
    /// <summary>Registers the component under its class name.</summary>
    public LiveComponentAttribute()
    {
    }

    /// <summary>Registers the component under <paramref name="name"/>, the name clients mount it by.</summary>
    /// <param name="name">The component name on the wire; letters, digits, <c>_</c>, <c>.</c> and <c>-</c>.</param>
    public LiveComponentAttribute(string name) => Name = name;

    /// <summary>The name clients mount the component by; <see langword="null"/> means the class name.</summary>
    public string? Name { get; }

    /// <summary>
    /// When <see langword="true"/>, one instance is shared by every connection that mounts the component:
    /// actions from all connections run one at a time on it and each change is sent to every attached connection.
    /// </summary>
    public bool Singleton { get; set; }

    /// <summary>
    /// For singletons: keep the instance alive after the last connection leaves (it is otherwise destroyed).
    /// </summary>
    public bool KeepAlive { get; set; }

    /// <summary>
    /// The authorization policy a connection must satisfy to call this component's actions. A connection that may
    /// mount the component but fails this policy is <em>read-only</em>: it mounts and receives every state change, but
    /// its actions are refused with a <c>read_only</c> error (actions marked <c>[AllowAnonymous]</c> stay open). The
    /// policy gets the component instance as its resource; it is checked on every action, so a change of the user's
    /// claims takes effect at once. <see langword="null"/> (the default): whoever may mount may act.
    /// </summary>
    /// <example><c>[LiveComponent(WritePolicy = "editors")]</c> with <c>options.AddPolicy("editors", p =&gt; p.RequireRole("editor"))</c>.</example>
    public string? WritePolicy { get; set; }
}
