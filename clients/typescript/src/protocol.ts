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
export interface PingRequest {
  readonly type: "ping";
}
/** Hands the server a fresh token for the connection's user (see `LiveClient.refresh`). */
export interface RefreshRequest {
  readonly type: "refresh";
  readonly token: string;
}
/** A request with any other `type`, for extensions (e.g. a future `resume`). */
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
  | PingRequest
  | RefreshRequest
  | ExtensionRequest;

export interface MountedMessage {
  readonly type: "mounted";
  readonly id: string;
  readonly instance: string;
  readonly component: string;
  readonly version: number;
  readonly state: unknown;
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
export interface ResultMessage {
  readonly type: "result";
  readonly id: string;
  /** With `ops`: the state change the action made, when the caller is the only connection holding the instance. */
  readonly version?: number;
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
}

export type ServerMessage =
  | MountedMessage
  | PatchMessage
  | StateMessage
  | ResultMessage
  | UnmountedMessage
  | PongMessage
  | RefreshedMessage
  | ErrorMessage;

/** The answer types, by the request type that asks for them. */
export interface AnswerTypes {
  mount: MountedMessage;
  action: ResultMessage;
  unmount: UnmountedMessage;
  resync: StateMessage;
  ping: PongMessage;
  refresh: RefreshedMessage;
}

/** The answer type for each request type. */
export const ANSWER_TYPE: { readonly [K in keyof AnswerTypes]: AnswerTypes[K]["type"] } = Object.freeze({
  mount: "mounted",
  action: "result",
  unmount: "unmounted",
  resync: "state",
  ping: "pong",
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
