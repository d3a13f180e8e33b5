using System.Security.Claims;
using Live.Protocol;
using Live.Registration;
using Microsoft.Extensions.Logging;

namespace Live.Authorization;

/// <summary>
/// Where the runtime checks authorization: turns a component's rules into calls to the <see cref="ILiveAuthorizer"/>
/// and a denial into the error that answers the request (<c>unauthorized</c>, <c>forbidden</c> or <c>read_only</c>).
/// Callers run it on the queue of the object acted on, before anything changes. Rooms reuse <see cref="CheckAsync"/>.
/// </summary>
internal sealed partial class AuthorizationGate
{
    private readonly ILiveAuthorizer? authorizer;
    private readonly bool detailedErrors;
    private readonly ILogger logger;

    public AuthorizationGate(ILiveAuthorizer? authorizer, bool detailedErrors, ILogger logger)
    {
        this.authorizer = authorizer;
        this.detailedErrors = detailedErrors;
        this.logger = logger;
    }

    /// <summary>Checks that <paramref name="connection"/> may mount (or rehydrate) <paramref name="component"/>.</summary>
    public ValueTask<ProtocolError?> AuthorizeMountAsync(LiveConnectionContext connection, ComponentDescriptor descriptor, LiveComponentBase component) =>
        CheckAsync(connection.User, descriptor.Authorization.MountRequirements, component, $"mount '{descriptor.Name}'");

    /// <summary>Checks that <paramref name="connection"/> may call <paramref name="action"/>, and is not read-only.</summary>
    public ValueTask<ProtocolError?> AuthorizeActionAsync(
        LiveConnectionContext connection,
        ComponentDescriptor descriptor,
        ActionDescriptor action,
        LiveComponentBase component)
    {
        // Every action passes here: with nothing to check, answer at once (no async state, no message text).
        var rules = descriptor.Authorization;
        var required = rules.ActionRequirements.TryGetValue(action.Name, out var list) ? list : rules.MountRequirements;
        return required.Count == 0 && (action.AllowAnonymous || rules.WriteRequirements.Count == 0)
            ? ValueTask.FromResult<ProtocolError?>(null)
            : AuthorizeActionSlowAsync(connection, descriptor, action, component, required);
    }

    private async ValueTask<ProtocolError?> AuthorizeActionSlowAsync(
        LiveConnectionContext connection,
        ComponentDescriptor descriptor,
        ActionDescriptor action,
        LiveComponentBase component,
        IReadOnlyList<AuthorizeData> required)
    {
        var rules = descriptor.Authorization;
        if (await CheckAsync(connection.User, required, component, $"call '{action.Name}' of '{descriptor.Name}'").ConfigureAwait(false) is { } denied)
        {
            return denied;
        }

        if (action.AllowAnonymous || rules.WriteRequirements.Count == 0)
        {
            return null;
        }

        var write = await EvaluateAsync(connection.User, rules.WriteRequirements, component, $"call '{action.Name}' of '{descriptor.Name}'").ConfigureAwait(false);
        if (write.Error is { } failed)
        {
            return failed;
        }

        return write.Result!.Succeeded
            ? null
            : new ProtocolError(
                ErrorCodes.ReadOnly,
                $"This connection is read-only for '{descriptor.Name}': it receives state but may not call '{action.Name}'." +
                Detail($"the write policy '{descriptor.WritePolicy}' failed: {write.Result.FailedRequirement}"));
    }

    /// <summary>
    /// Whether <paramref name="connection"/> is read-only for the component: it has a write policy and the connection
    /// fails it (a failing or missing authorizer counts as read-only). Sent as a hint in <c>mounted</c>; every action
    /// is still checked when it is called.
    /// </summary>
    public async ValueTask<bool> IsReadOnlyAsync(LiveConnectionContext connection, ComponentDescriptor descriptor, LiveComponentBase component)
    {
        var rules = descriptor.Authorization;
        if (rules.WriteRequirements.Count == 0)
        {
            return false;
        }

        var write = await EvaluateAsync(connection.User, rules.WriteRequirements, component, $"write to '{descriptor.Name}'").ConfigureAwait(false);
        return write.Result is not { Succeeded: true };
    }

    /// <summary>
    /// Checks <paramref name="requirements"/> (all must pass) for <paramref name="user"/> on <paramref name="resource"/>;
    /// answers <see langword="null"/> when allowed, else the error to send. <paramref name="what"/> completes
    /// "You are not allowed to …" (e.g. <c>join room 'lobby'</c>).
    /// </summary>
    public ValueTask<ProtocolError?> CheckAsync(ClaimsPrincipal user, IReadOnlyList<AuthorizeData> requirements, object resource, string what) =>
        requirements.Count == 0 ? ValueTask.FromResult<ProtocolError?>(null) : CheckSlowAsync(user, requirements, resource, what);

    private async ValueTask<ProtocolError?> CheckSlowAsync(ClaimsPrincipal user, IReadOnlyList<AuthorizeData> requirements, object resource, string what)
    {
        var (result, error) = await EvaluateAsync(user, requirements, resource, what).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        if (result!.Succeeded)
        {
            return null;
        }

        var authenticated = user.Identities.Any(i => i.IsAuthenticated);
        return authenticated
            ? new ProtocolError(ErrorCodes.Forbidden, $"You are not allowed to {what}." + Detail(result.FailedRequirement))
            : new ProtocolError(ErrorCodes.Unauthorized, $"Sign in to {what}." + Detail(result.FailedRequirement));
    }

    private async ValueTask<(LiveAuthorizationResult? Result, ProtocolError? Error)> EvaluateAsync(
        ClaimsPrincipal user,
        IReadOnlyList<AuthorizeData> requirements,
        object resource,
        string what)
    {
        if (authorizer is null)
        {
            // Requirements without anyone to check them: refuse rather than fail open.
            Log.NoAuthorizer(logger, what);
            return (LiveAuthorizationResult.Fail("no ILiveAuthorizer is registered (AddLive() registers one)"), null);
        }

        try
        {
            return (await authorizer.AuthorizeAsync(user, requirements, resource).ConfigureAwait(false), null);
        }
        catch (Exception ex)
        {
            Log.AuthorizerFailed(logger, ex, what);
            var message = detailedErrors
                ? $"Authorization to {what} failed: {ex.GetType().Name}: {ex.Message}"
                : $"Authorization to {what} failed.";
            return (null, new ProtocolError(ErrorCodes.InternalError, message));
        }
    }

    private string Detail(string? failure) => detailedErrors && failure is not null ? $" Failed requirement: {failure}." : string.Empty;

    private static partial class Log
    {
        [LoggerMessage(60, LogLevel.Error, "Refused to {What}: authorization requirements apply but no ILiveAuthorizer is registered")]
        public static partial void NoAuthorizer(ILogger logger, string what);

        [LoggerMessage(61, LogLevel.Error, "Authorization to {What} threw")]
        public static partial void AuthorizerFailed(ILogger logger, Exception exception, string what);
    }
}
