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

    /// <summary>A rehydrate token is not a well-formed token.</summary>
    public const string TokenMalformed = "token_malformed";

    /// <summary>A rehydrate token names a signing key this server does not have (never had, or retired).</summary>
    public const string TokenUnknownKey = "token_unknown_key";

    /// <summary>A rehydrate token's signature does not match its content (it was changed).</summary>
    public const string TokenInvalidSignature = "token_invalid_signature";

    /// <summary>A rehydrate token was issued for another component than the one named.</summary>
    public const string TokenComponentMismatch = "token_component_mismatch";

    /// <summary>A rehydrate token is older than the maximum token age (or dated in the future).</summary>
    public const string TokenExpired = "token_expired";

    /// <summary>A rehydrate token has been used before (each token rehydrates once).</summary>
    public const string TokenReplayed = "token_replayed";

    /// <summary>A rehydrate token's state no longer fits the component's state type (the app changed since it was signed).</summary>
    public const string TokenStateInvalid = "token_state_invalid";

    /// <summary>The component cannot be rehydrated (a singleton: its state lives on the server).</summary>
    public const string NotRehydratable = "not_rehydratable";

    /// <summary>A resume was refused: unknown or expired instance, wrong secret, or another user (one code for every reason).</summary>
    public const string ResumeFailed = "resume_failed";

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

    /// <summary>A room name is empty, too long, or has a character outside the allowed set.</summary>
    public const string InvalidRoomName = "invalid_room_name";

    /// <summary>The room has its maximum number of members.</summary>
    public const string RoomFull = "room_full";

    /// <summary>The typed room's join hook rejected the join (its reason is the message).</summary>
    public const string RoomJoinRejected = "room_join_rejected";

    /// <summary>Clients may not join this room themselves, or the user does not satisfy its join policy.</summary>
    public const string RoomJoinForbidden = "room_join_forbidden";

    /// <summary>The component is not in that room (leave, or an event to a room it has not joined).</summary>
    public const string RoomNotJoined = "room_not_joined";

    /// <summary>The connection is in the maximum number of rooms.</summary>
    public const string TooManyRooms = "too_many_rooms";

    /// <summary>An event is larger than the room event size limit.</summary>
    public const string EventTooLarge = "event_too_large";

    /// <summary>A room-state operation met a value of the wrong type (or a typed room's state would not fit its type).</summary>
    public const string RoomStateConflict = "room_state_conflict";

    /// <summary>Anything else that went wrong on the server.</summary>
    public const string InternalError = "internal_error";
}
