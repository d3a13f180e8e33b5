namespace Live.Generators.Components;

/// <summary>The shape of an action's return type.</summary>
internal enum ActionReturnKind
{
    /// <summary><c>void</c>.</summary>
    Void,

    /// <summary>A value of the result type.</summary>
    Value,

    /// <summary><c>Task</c>.</summary>
    Task,

    /// <summary><c>Task&lt;T&gt;</c>.</summary>
    TaskOfT,

    /// <summary><c>ValueTask</c>.</summary>
    ValueTask,

    /// <summary><c>ValueTask&lt;T&gt;</c>.</summary>
    ValueTaskOfT,
}
