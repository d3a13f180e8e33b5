namespace Live;

/// <summary>
/// Marks a record as an event that rooms carry. The source generator emits its JSON metadata and a TypeScript
/// interface, and registers its wire name (the type's name, or <see cref="Name"/>), so clients receive it typed.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, Inherited = false)]
public sealed class LiveEventAttribute : Attribute
{
    /// <summary>Marks an event named after its type.</summary>
    public LiveEventAttribute()
    {
    }

    /// <summary>Marks an event with an explicit wire name.</summary>
    /// <param name="name">The wire name (letters, digits and underscores, starting with a letter).</param>
    public LiveEventAttribute(string name) => Name = name;

    /// <summary>The wire name, or <see langword="null"/> for the type's name.</summary>
    public string? Name { get; }
}
