using System.Text.Json;

namespace Live;

/// <summary>What <see cref="LiveComponentBase.OnActionExecutingAsync"/> receives: the action about to run.</summary>
public sealed class ActionExecutingContext
{
    internal ActionExecutingContext(string actionName, LiveConnectionContext connection, JsonElement arguments)
    {
        ActionName = actionName;
        Connection = connection;
        Arguments = arguments;
    }

    /// <summary>The action's wire name.</summary>
    public string ActionName { get; }

    /// <summary>The calling connection.</summary>
    public LiveConnectionContext Connection { get; }

    /// <summary>The raw arguments object the client sent (untrusted).</summary>
    public JsonElement Arguments { get; }

    /// <summary>Whether <see cref="Cancel"/> was called.</summary>
    public bool IsCanceled => CancelReason is not null;

    /// <summary>The reason given to <see cref="Cancel"/>, sent to the caller.</summary>
    public string? CancelReason { get; private set; }

    /// <summary>Refuses the action: it does not run, and the caller gets an <c>action_canceled</c> error.</summary>
    /// <param name="reason">A message for the caller; it crosses the wire, so keep it free of secrets.</param>
    public void Cancel(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        CancelReason = reason;
    }
}
