using Live.Protocol;

namespace Live.Metrics;

/// <summary>The values of the <c>live.outcome</c> tag: <c>ok</c>, or the error code the action was answered with.</summary>
internal static class ActionOutcomes
{
    public const string Ok = "ok";

    public const string InvalidArgs = ErrorCodes.InvalidArgs;

    public const string Failed = "failed";

    public const string Canceled = "canceled";

    public const string InstanceNotFound = ErrorCodes.InstanceNotFound;

    public const string InternalError = ErrorCodes.InternalError;

    public const string Unauthorized = ErrorCodes.Unauthorized;

    public const string Forbidden = ErrorCodes.Forbidden;

    public const string ReadOnly = ErrorCodes.ReadOnly;

    public const string RateLimited = ErrorCodes.RateLimited;
}
