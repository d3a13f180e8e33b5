using System.ComponentModel;
using Live.Authorization;
using Live.RateLimiting;

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
    /// <param name="authorize">The action's own <c>[Authorize]</c> attributes (added to the component's).</param>
    /// <param name="allowAnonymous">Whether the action is <c>[AllowAnonymous]</c>: no authorization at all.</param>
    /// <param name="rateLimit">The action's <c>[RateLimit]</c>, if any.</param>
    public ActionDescriptor(
        string name,
        string methodName,
        IReadOnlyList<ActionParameter> parameters,
        Type? resultType,
        ActionInvoker invoker,
        IReadOnlyList<AuthorizeData>? authorize = null,
        bool allowAnonymous = false,
        ActionRateLimit? rateLimit = null)
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
        Authorize = authorize ?? [];
        AllowAnonymous = allowAnonymous;
        RateLimit = rateLimit;
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

    /// <summary>The action's own <c>[Authorize]</c> attributes; they apply in addition to the component's.</summary>
    public IReadOnlyList<AuthorizeData> Authorize { get; }

    /// <summary>Whether the action is <c>[AllowAnonymous]</c>: anyone who mounted the component may call it.</summary>
    public bool AllowAnonymous { get; }

    /// <summary>The action's <c>[RateLimit]</c>, or <see langword="null"/>.</summary>
    public ActionRateLimit? RateLimit { get; }
}
