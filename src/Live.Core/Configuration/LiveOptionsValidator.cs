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
        var rooms = options.Rooms;
        if (rooms.CleanupTimeout < TimeSpan.Zero)
        {
            failures.Add($"Live:Rooms:CleanupTimeout must not be negative (was {rooms.CleanupTimeout}).");
        }

        Positive(rooms.MaxMembers, "Live:Rooms:MaxMembers", failures);
        Positive(rooms.MaxEventBytes, "Live:Rooms:MaxEventBytes", failures, minimum: 64);
        Positive(rooms.MaxRoomsPerConnection, "Live:Rooms:MaxRoomsPerConnection", failures);
        foreach (var rule in rooms.ClientJoins)
        {
            if (rule is null || string.IsNullOrEmpty(rule.Pattern) || (Live.Rooms.RoomNames.Validate(rule.Pattern.TrimEnd('*')) is not null && rule.Pattern != "*"))
            {
                failures.Add($"Live:Rooms:ClientJoins has an invalid pattern '{rule?.Pattern}': use a room name or a prefix ending in '*'.");
            }
        }

        if (limits.MaxJsonDepth > 256)
        {
            failures.Add($"Live:Limits:MaxJsonDepth must be at most 256 (was {limits.MaxJsonDepth}).");
        }

        var signing = options.Signing;
        if (signing.Keys.Count > 0 || !signing.UsesEphemeralKey)
        {
            failures.AddRange(Signing.SigningKeyReader.Validate(signing.Keys));
        }

        PositiveTime(signing.TokenInterval, "Live:Signing:TokenInterval", failures);
        PositiveTime(signing.MaxTokenAge, "Live:Signing:MaxTokenAge", failures);
        Positive(signing.NonceStoreCapacity, "Live:Signing:NonceStoreCapacity", failures);
        var retention = options.Retention;
        if (retention.Window < TimeSpan.Zero)
        {
            failures.Add($"Live:Retention:Window must be zero (off) or positive (was {retention.Window}).");
        }

        Positive(retention.MaxPerUser, "Live:Retention:MaxPerUser", failures);
        Positive(retention.MaxTotal, "Live:Retention:MaxTotal", failures);
        Positive(retention.MaxBufferedPatches, "Live:Retention:MaxBufferedPatches", failures, minimum: 0);

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void PositiveTime(TimeSpan value, string name, List<string> failures)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add($"{name} must be positive (was {value}).");
        }
    }

    private static void Positive(int value, string name, List<string> failures, int minimum = 1)
    {
        if (value < minimum)
        {
            failures.Add($"{name} must be at least {minimum} (was {value}).");
        }
    }
}
