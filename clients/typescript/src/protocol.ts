/**
 * The messages of protocol `live.v1` (docs/protocol.md). Only members the client reads are declared;
 * servers may send more, and unknown members are ignored.
 */

import { LiveError } from "./errors.js";
import type { PatchOperation } from "./patch.js";
import type { ComponentSnapshot } from "./reconnect.js";

/** The WebSocket subprotocol this client speaks. */
export const SUBPROTOCOL = "live.v1";

export interface MountRequest {
  readonly type: "mount";
  readonly component: string;
  readonly props?: object;
}
export interface ActionRequest {
  readonly type: "action";
  readonly instance: string;
  readonly action: string;
  readonly args?: object;
}
export interface UnmountRequest {
  readonly type: "unmount";
  readonly instance: string;
}
export interface ResyncRequest {
  readonly type: "resync";
  readonly instance: string;
}
export interface JoinRequest {
  readonly type: "join";
  readonly instance: string;
  readonly room: string;
  readonly metadata?: object;
}
export interface LeaveRequest {
  readonly type: "leave";
  readonly instance: string;
  readonly room: string;
}
/** Sets this connection's own presence status in a room it is in (answered with `result`, `value`: the user's status). */
export interface PresenceRequest {
  readonly type: "presence";
  readonly room: string;
  readonly status: "online" | "away";
}
export interface PingRequest {
  readonly type: "ping";
}
/** Creates a new instance from a signed state token (a `mounted` answer with `rehydrated: true`). */
export interface RehydrateRequest {
  readonly type: "rehydrate";
  readonly component: string;
  readonly token: string;
  readonly props?: object;
}
/** Re-attaches a live instance the server retained after a drop (a `resumed` answer). */
export interface ResumeRequest {
  readonly type: "resume";
  readonly instance: string;
  /** The instance's current resume secret. */
  readonly resume: string;
  /** The last version the client holds. */
  readonly version: number;
}
/** Hands the server a fresh token for the connection's user (see `LiveClient.refresh`). */
export interface RefreshRequest {
  readonly type: "refresh";
  readonly token: string;
}
/** A request with any other `type`, for extensions. */
export interface ExtensionRequest {
  readonly type: string;
  readonly [member: string]: unknown;
}

/** A client message before the connection assigns its `id`. */
export type ClientRequest =
  | MountRequest
  | ActionRequest
  | UnmountRequest
  | ResyncRequest
  | JoinRequest
  | LeaveRequest
  | PresenceRequest
  | PingRequest
  | RehydrateRequest
  | ResumeRequest
  | RefreshRequest
  | ExtensionRequest;

export interface MountedMessage {
  readonly type: "mounted";
  readonly id: string;
  readonly instance: string;
  readonly component: string;
  readonly version: number;
  readonly state: unknown;
  /** Per-connection components: the signed state token of `version` (opaque). */
  readonly token?: string;
  /** Per-connection components: the secret that resumes this instance after a drop. */
  readonly resume?: string;
  /** True when this answers a `rehydrate`. */
  readonly rehydrated?: boolean;
  /** True when this connection fails the component's write policy: its actions will be refused with `read_only`. */
  readonly readOnly?: boolean;
}
export interface PatchMessage {
  readonly type: "patch";
  readonly instance: string;
  readonly version: number;
  readonly ops: readonly PatchOperation[];
}
export interface StateMessage {
  readonly type: "state";
  readonly id: string;
  readonly instance: string;
  readonly version: number;
  readonly state: unknown;
}
/** A newer signed state token for an instance (unsolicited, throttled by the server). */
export interface TokenMessage {
  readonly type: "token";
  readonly instance: string;
  readonly version: number;
  readonly token: string;
}
/**
 * The answer to `resume`: the instance is back. Without `state` the missed patches came right before it;
 * with `state` (when they were no longer buffered) it replaces the client's copy.
 */
export interface ResumedMessage {
  readonly type: "resumed";
  readonly id: string;
  readonly instance: string;
  readonly version: number;
  /** The new resume secret; the old one no longer works. */
  readonly resume: string;
  readonly token?: string;
  readonly state?: unknown;
}
export interface ResultMessage {
  readonly type: "result";
  readonly id: string;
  /**
   * The state change the action made, when the caller is the only connection holding the instance. Its version is
   * implied: one more than the version the client holds.
   */
  readonly ops?: readonly PatchOperation[];
  readonly value?: unknown;
}
export interface UnmountedMessage {
  readonly type: "unmounted";
  readonly id: string;
  readonly instance: string;
}
export interface PongMessage {
  readonly type: "pong";
  readonly id?: string;
}
/** A component joined a room: the room's pseudo-instance, its version and its whole document. */
export interface JoinedMessage {
  readonly type: "joined";
  readonly id?: string;
  readonly room: string;
  readonly instance: string;
  readonly roomInstance: string;
  readonly version: number;
  readonly state: unknown;
}
/** A component is no longer in a room. */
export interface LeftMessage {
  readonly type: "left";
  readonly id?: string;
  readonly room: string;
  readonly instance: string;
  /** `refused`: after a resume the component could not return to the room (full, or its join hook refused). */
  readonly reason: "left" | "cleanup" | "refused";
}
/** A room event (or, without `room`, an event sent to all of a user's connections). */
export interface EventMessage {
  readonly type: "event";
  readonly room?: string;
  readonly event: string;
  readonly from?: string;
  readonly data: unknown;
}
export interface RefreshedMessage {
  readonly type: "refreshed";
  readonly id: string;
  /** When the new authentication expires (ISO 8601, UTC); absent when it does not. */
  readonly expiresAt?: string;
}
export interface ErrorMessage {
  readonly type: "error";
  readonly id?: string;
  readonly code: string;
  readonly message: string;
  readonly argument?: string;
  /** For `rate_limited`: when to retry, in milliseconds. */
  readonly retryAfterMs?: number;
}

export type ServerMessage =
  | MountedMessage
  | PatchMessage
  | StateMessage
  | TokenMessage
  | ResumedMessage
  | ResultMessage
  | UnmountedMessage
  | PongMessage
  | JoinedMessage
  | LeftMessage
  | EventMessage
  | RefreshedMessage
  | ErrorMessage;

/** The answer types, by the request type that asks for them. */
export interface AnswerTypes {
  mount: MountedMessage;
  action: ResultMessage;
  unmount: UnmountedMessage;
  resync: StateMessage;
  join: JoinedMessage;
  leave: LeftMessage;
  presence: ResultMessage;
  ping: PongMessage;
  rehydrate: MountedMessage;
  resume: ResumedMessage;
  refresh: RefreshedMessage;
}

/** The answer type for each request type. */
export const ANSWER_TYPE: { readonly [K in keyof AnswerTypes]: AnswerTypes[K]["type"] } = Object.freeze({
  mount: "mounted",
  action: "result",
  unmount: "unmounted",
  resync: "state",
  join: "joined",
  leave: "left",
  presence: "result",
  ping: "pong",
  rehydrate: "mounted",
  resume: "resumed",
  refresh: "refreshed",
});

/** A `mounted`/`state` answer with every member the server sent, checked for the three the client relies on. */
export function toSnapshot(message: object): ComponentSnapshot & { readonly [member: string]: unknown } {
  const m = message as { readonly [member: string]: unknown };
  if (typeof m["instance"] !== "string" || !Number.isSafeInteger(m["version"]) || !("state" in m)) {
    throw new LiveError("unexpected_answer", "The server's answer lacks instance, version or state.");
  }
  return m as ComponentSnapshot & { readonly [member: string]: unknown };
}
