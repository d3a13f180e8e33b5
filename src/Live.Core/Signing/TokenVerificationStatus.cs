namespace Live.Signing;

/// <summary>The outcome of verifying a state token, in the order the checks run.</summary>
internal enum TokenVerificationStatus
{
    Valid,
    Malformed,
    UnknownKey,
    InvalidSignature,
    WrongComponent,
    Expired,
    Replayed,
}
