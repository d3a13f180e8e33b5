namespace Live.Protocol;

/// <summary>
/// The <c>code</c> values of <c>error</c> messages, as documented in <c>docs/protocol.md</c>. They are part of the
/// wire contract: clients switch on them, so they never change meaning.
/// </summary>
public static class ErrorCodes
{
    /// <summary>The frame is not a JSON object, is truncated, too deep, or has a duplicate member.</summary>
    public const string BadFrame = "bad_frame";

    /// <summary>A binary frame was sent.</summary>
    public const string BinaryNotSupported = "binary_not_supported";

    /// <summary>The frame is larger than the limit.</summary>
    public const string FrameTooLarge = "frame_too_large";

    /// <summary><c>type</c> is missing or names no message.</summary>
    public const string UnknownType = "unknown_type";

    /// <summary>A required member is missing or has the wrong JSON type.</summary>
    public const string InvalidRequest = "invalid_request";

    /// <summary>The request id equals that of a request still in progress.</summary>
    public const string DuplicateRequest = "duplicate_request";

    /// <summary>No component is registered under that name.</summary>
    public const string UnknownComponent = "unknown_component";

    /// <summary>The component has no public action of that name.</summary>
    public const string UnknownAction = "unknown_action";

    /// <summary>An argument is missing, unknown, null where not allowed, or of the wrong type.</summary>
    public const string InvalidArgs = "invalid_args";

    /// <summary>The instance is not mounted on this connection.</summary>
    public const string InstanceNotFound = "instance_not_found";

    /// <summary>The connection has mounted the maximum number of components.</summary>
    public const string TooManyComponents = "too_many_components";

    /// <summary>The component's action filter refused the action.</summary>
    public const string ActionCanceled = "action_canceled";

    /// <summary>The action threw.</summary>
    public const string ActionFailed = "action_failed";

    /// <summary>The mount hook or the constructor threw.</summary>
    public const string MountFailed = "mount_failed";

    /// <summary>The connection has too many requests in progress.</summary>
    public const string ServerBusy = "server_busy";

    /// <summary>The connection sent more frames than its rate limit allows; <c>retryAfterMs</c> says when to retry.</summary>
    public const string RateLimited = "rate_limited";

    /// <summary>
    /// The request needs a signed-in user and the connection has none (an <c>[Authorize]</c> on the component or
    /// action). The message names the failed requirement in Development only.
    /// </summary>
    public const string Unauthorized = "unauthorized";

    /// <summary>
    /// The connection's user does not satisfy the component's or action's <c>[Authorize]</c> requirements (role or
    /// policy). The message names the failed requirement in Development only.
    /// </summary>
    public const string Forbidden = "forbidden";

    /// <summary>The connection is read-only for this component (it fails the component's write policy): actions are refused.</summary>
    public const string ReadOnly = "read_only";

    /// <summary>Anything else that went wrong on the server.</summary>
    public const string InternalError = "internal_error";
}
