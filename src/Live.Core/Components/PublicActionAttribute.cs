namespace Live;

/// <summary>
/// Marks a public instance method of a live component as callable by clients. Only methods with this
/// attribute can be invoked over the wire; their arguments are bound by name from a JSON object.
/// </summary>
/// <remarks>
/// The wire name is the method name with its first letter lower-cased (<c>AddTodo</c> → <c>addTodo</c>)
/// unless <see cref="Name"/> is set. A <see cref="CancellationToken"/> parameter is bound by the runtime and
/// is cancelled when the caller disconnects or the server shuts down.
/// </remarks>
[AttributeUsage(AttributeTargets.Method, Inherited = false, AllowMultiple = false)]
public sealed class PublicActionAttribute : Attribute
{
    /// <summary>Overrides the action's wire name.</summary>
    public string? Name { get; set; }
}
