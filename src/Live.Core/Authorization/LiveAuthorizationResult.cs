namespace Live.Authorization;

/// <summary>The answer of an <see cref="ILiveAuthorizer"/>: success, or a failure naming what was not satisfied.</summary>
public sealed class LiveAuthorizationResult
{
    private LiveAuthorizationResult(bool succeeded, string? failedRequirement)
    {
        Succeeded = succeeded;
        FailedRequirement = failedRequirement;
    }

    /// <summary>The user satisfied every requirement.</summary>
    public static LiveAuthorizationResult Success { get; } = new(succeeded: true, failedRequirement: null);

    /// <summary>Whether the user satisfied every requirement.</summary>
    public bool Succeeded { get; }

    /// <summary>
    /// For a failure: the requirement that was not met, described for a developer (for example
    /// <c>RolesAuthorizationRequirement: User.IsInRole must be true for one of the following roles: (admin)</c>).
    /// Sent to the client only when detailed errors are on (Development).
    /// </summary>
    public string? FailedRequirement { get; }

    /// <summary>A failure.</summary>
    /// <param name="failedRequirement">What was not satisfied, for a developer.</param>
    /// <returns>The result.</returns>
    public static LiveAuthorizationResult Fail(string failedRequirement)
    {
        ArgumentException.ThrowIfNullOrEmpty(failedRequirement);
        return new LiveAuthorizationResult(succeeded: false, failedRequirement);
    }
}
