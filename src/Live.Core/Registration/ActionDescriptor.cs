using System.ComponentModel;

namespace Live.Registration;

/// <summary>One public action of a component (created by generated code).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class ActionDescriptor
{
    /// <summary>Creates an action descriptor.</summary>
    /// <param name="name">The wire name.</param>
    /// <param name="methodName">The C# method name.</param>
    /// <param name="parameters">The parameters bound from the client's arguments object (a <see cref="CancellationToken"/> is not listed).</param>
    /// <param name="resultType">The result type sent back, or <see langword="null"/> when the action returns nothing.</param>
    /// <param name="invoker">Binds the arguments and calls the method.</param>
    public ActionDescriptor(string name, string methodName, IReadOnlyList<ActionParameter> parameters, Type? resultType, ActionInvoker invoker)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(methodName);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(invoker);
        Name = name;
        MethodName = methodName;
        Parameters = parameters;
        ResultType = resultType;
        Invoker = invoker;
    }

    /// <summary>The wire name.</summary>
    public string Name { get; }

    /// <summary>The C# method name.</summary>
    public string MethodName { get; }

    /// <summary>The parameters bound from the arguments object, in declaration order.</summary>
    public IReadOnlyList<ActionParameter> Parameters { get; }

    /// <summary>The result type, or <see langword="null"/> for actions without a result.</summary>
    public Type? ResultType { get; }

    /// <summary>Binds arguments and calls the action method.</summary>
    public ActionInvoker Invoker { get; }
}
