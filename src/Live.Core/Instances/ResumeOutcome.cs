namespace Live.Instances;

/// <summary>How a <c>resume</c> of a kept instance ended.</summary>
internal enum ResumeOutcome
{
    /// <summary>The instance is attached to the new connection; <c>resumed</c> was sent.</summary>
    Resumed,

    /// <summary>Not kept, or the secret or user does not match: nothing was sent, the caller answers <c>resume_failed</c>.</summary>
    Refused,

    /// <summary>The user may no longer mount the component: the denial was sent, answering the request.</summary>
    Denied,
}
