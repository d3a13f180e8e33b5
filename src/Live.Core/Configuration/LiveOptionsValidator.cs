using Microsoft.Extensions.Options;

namespace Live;

/// <summary>Checks <see cref="LiveOptions"/> at start-up so a bad value fails fast with a message saying what to fix.</summary>
internal sealed class LiveOptionsValidator : IValidateOptions<LiveOptions>
{
    public ValidateOptionsResult Validate(string? name, LiveOptions options)
    {
        var failures = new List<string>();
        if (options.SerializerOptions is null)
        {
            failures.Add("Live:SerializerOptions must be set.");
        }

        if (options.ClientTimeout <= TimeSpan.Zero)
        {
            failures.Add($"Live:ClientTimeout must be positive (was {options.ClientTimeout}).");
        }

        if (options.CloseTimeout <= TimeSpan.Zero)
        {
            failures.Add($"Live:CloseTimeout must be positive (was {options.CloseTimeout}).");
        }

        if (options.HandshakeTimeout <= TimeSpan.Zero)
        {
            failures.Add($"Live:HandshakeTimeout must be positive (was {options.HandshakeTimeout}).");
        }

        if (options.Authentication.Schemes.Any(string.IsNullOrWhiteSpace))
        {
            failures.Add("Live:Authentication:Schemes must not contain empty scheme names.");
        }

        var limits = options.Limits;
        if (limits.MaxConnectionsPerUser is { } perUser)
        {
            Positive(perUser, "Live:Limits:MaxConnectionsPerUser", failures);
        }

        Positive(limits.MaxFrameBytes, "Live:Limits:MaxFrameBytes", failures, minimum: 256);
        Positive(limits.MaxJsonDepth, "Live:Limits:MaxJsonDepth", failures, minimum: 2);
        Positive(limits.MaxComponentsPerConnection, "Live:Limits:MaxComponentsPerConnection", failures);
        Positive(limits.MaxPendingRequestsPerConnection, "Live:Limits:MaxPendingRequestsPerConnection", failures);
        Positive(limits.SendQueueCapacity, "Live:Limits:SendQueueCapacity", failures, minimum: 8);
        Positive(limits.InboundFramesPerSecond, "Live:Limits:InboundFramesPerSecond", failures);
        Positive(limits.InboundFrameBurst, "Live:Limits:InboundFrameBurst", failures);
        Positive(limits.MaxConsecutiveRateLimitedFrames, "Live:Limits:MaxConsecutiveRateLimitedFrames", failures);
        if (limits.MaxJsonDepth > 256)
        {
            failures.Add($"Live:Limits:MaxJsonDepth must be at most 256 (was {limits.MaxJsonDepth}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Positive(int value, string name, List<string> failures, int minimum = 1)
    {
        if (value < minimum)
        {
            failures.Add($"{name} must be at least {minimum} (was {value}).");
        }
    }
}
