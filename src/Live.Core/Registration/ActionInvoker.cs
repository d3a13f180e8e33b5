namespace Live.Registration;

/// <summary>
/// Generated code that binds <paramref name="arguments"/> and calls one action method on <paramref name="component"/>.
/// Throws <see cref="ActionArgumentException"/> when an argument cannot be bound.
/// </summary>
/// <param name="component">The instance to call (always of the descriptor's component type).</param>
/// <param name="arguments">The client's arguments.</param>
/// <param name="cancellationToken">Bound to a <see cref="CancellationToken"/> parameter, if the action has one.</param>
/// <returns>The action's result.</returns>
public delegate ValueTask<ActionResult> ActionInvoker(LiveComponentBase component, ActionArguments arguments, CancellationToken cancellationToken);
