namespace Live.Generators.Json;

/// <summary>How generated code reaches a constructor or accessor.</summary>
internal enum JsonMemberAccess
{
    /// <summary>Not available (no setter, no constructor…).</summary>
    None,

    /// <summary>Plain C# (<c>obj.Prop</c>, <c>new T(…)</c>).</summary>
    Direct,

    /// <summary>
    /// Through an <c>[UnsafeAccessor]</c> extern: init-only setters, non-public members with <c>[JsonInclude]</c> or
    /// <c>[JsonConstructor]</c>, and constructors of types with <c>required</c> members (which C# would not let us call
    /// without an object initializer).
    /// </summary>
    UnsafeAccessor,

    /// <summary><c>default(T)</c>: a struct without a declared parameterless constructor.</summary>
    DefaultValue,
}
