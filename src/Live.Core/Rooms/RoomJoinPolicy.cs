namespace Live.Rooms;

/// <summary>
/// Evaluates the authorization policy a client-initiated join requires. Fails closed: until a policy evaluator is
/// available to Live.Core, a join that requires a policy is refused.
/// </summary>
internal static class RoomJoinPolicy
{
    public static Task<bool> EvaluateAsync(LiveConnectionContext connection, string policy)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentException.ThrowIfNullOrEmpty(policy);
        return Task.FromResult(false);
    }
}
