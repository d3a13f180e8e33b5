using System.ComponentModel;

namespace Live.Registration;

/// <summary>The outcome of an action invocation: nothing, or a value to serialize for the caller.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct ActionResult
{
    private ActionResult(object? value, Type? type)
    {
        Value = value;
        Type = type;
    }

    /// <summary>The result of an action that returns nothing.</summary>
    public static ActionResult None => default;

    /// <summary>Whether the action produced a value (possibly <see langword="null"/>).</summary>
    public bool HasValue => Type is not null;

    /// <summary>The value.</summary>
    public object? Value { get; }

    /// <summary>The declared result type, used to pick the JSON metadata.</summary>
    public Type? Type { get; }

    /// <summary>Wraps a value of the action's declared result type.</summary>
    /// <typeparam name="T">The declared result type.</typeparam>
    /// <param name="value">The value.</param>
    /// <returns>The result.</returns>
    public static ActionResult From<T>(T value) => new(value, typeof(T));
}
