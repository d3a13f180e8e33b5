/**
 * Error codes the server sends in `error` messages (see docs/protocol.md), plus codes the
 * client itself uses when it cannot make sense of an answer. The union stays open (`string & {}`)
 * so a newer server can add codes without breaking older clients at compile time.
 */
export type LiveErrorCode =
  | "bad_frame"
  | "binary_not_supported"
  | "frame_too_large"
  | "unknown_type"
  | "invalid_request"
  | "duplicate_request"
  | "unknown_component"
  | "unknown_action"
  | "invalid_args"
  | "instance_not_found"
  | "too_many_components"
  | "action_canceled"
  | "action_failed"
  | "mount_failed"
  | "server_busy"
  | "internal_error"
  /** `rehydrate`: the token is not a well-formed token. */
  | "token_malformed"
  /** `rehydrate`: the token was signed with a key the server does not (or no longer) know. */
  | "token_unknown_key"
  | "token_invalid_signature"
  /** `rehydrate`: the token belongs to another component. */
  | "token_component_mismatch"
  | "token_expired"
  /** `rehydrate`: the token was used before (each token rehydrates once). */
  | "token_replayed"
  /** `rehydrate`: the token verified but its state no longer fits the component's state type (the app changed). */
  | "token_state_invalid"
  /** `rehydrate`: the component cannot be rehydrated (a singleton, or it opted out). */
  | "not_rehydratable"
  /** `resume`: the instance cannot be resumed (gone, wrong secret or another user — the server does not say which). */
  | "resume_failed"
  | "unauthorized"
  | "forbidden"
  /** Client-side: the server answered with a message of an unexpected type. */
  | "unexpected_answer"
  /** Client-side: the component was unmounted (or could not be re-mounted) before the call. */
  | "not_mounted"
  | (string & {});

/** An `error` answer from the server, or a client-side protocol failure. */
export class LiveError extends Error {
  override readonly name: string = "LiveError";
  /** The protocol error code, e.g. `invalid_args`. */
  readonly code: LiveErrorCode;
  /** The id of the request this error answers, when it answers one. */
  readonly requestId: string | undefined;
  /** For `invalid_args`: the name of the argument at fault, when the server names one. */
  readonly argument: string | undefined;
  /** For `rate_limited`: milliseconds to wait before the same request can succeed (the server's `retryAfterMs`). */
  readonly retryAfterMs: number | undefined;

  constructor(code: LiveErrorCode, message: string, requestId?: string, argument?: string, retryAfterMs?: number) {
    super(message);
    this.code = code;
    this.requestId = requestId;
    this.argument = argument;
    this.retryAfterMs = typeof retryAfterMs === "number" && Number.isFinite(retryAfterMs) && retryAfterMs >= 0 ? retryAfterMs : undefined;
  }
}

/** A request got no answer within `requestTimeoutMs`. The request may still have run on the server. */
export class LiveTimeoutError extends Error {
  override readonly name: string = "LiveTimeoutError";
  readonly requestId: string;
  readonly timeoutMs: number;

  constructor(requestId: string, timeoutMs: number) {
    super(`Request ${requestId} got no answer within ${timeoutMs} ms.`);
    this.requestId = requestId;
    this.timeoutMs = timeoutMs;
  }
}

/**
 * The connection closed (or could not be opened) before a request was answered, or the client was closed.
 * `code`/`reason` are the WebSocket close code and reason when there was one
 * (e.g. 4000 idle, 4001 too slow, 1001 server going away; 1006 when the socket dropped without a close frame).
 */
export class LiveClosedError extends Error {
  override readonly name: string = "LiveClosedError";
  readonly code: number | undefined;
  readonly reason: string;

  constructor(message: string, code?: number, reason = "") {
    super(message);
    this.code = code;
    this.reason = reason;
  }
}
