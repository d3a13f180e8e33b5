import type { ComponentHandle } from "./component.js";
import type { Connection, LiveLogger } from "./connection.js";
import { LiveClosedError, LiveError, LiveTimeoutError } from "./errors.js";
import { applyPatch } from "./patch.js";
import { toSnapshot, type ClientRequest, type PatchMessage, type ResumedMessage } from "./protocol.js";
import type { ComponentSnapshot } from "./reconnect.js";

/**
 * How a component came back on a new connection, in the order the client tries them:
 * - `"resumed"`: the server still held the live instance (the drop was shorter than its retention window); it is
 *   re-attached with the changes made meanwhile;
 * - `"rehydrated"`: a new instance was created from the signed state token the client kept (after a server
 *   restart, or a page reload when tokens are in `sessionStorage`);
 * - `"mounted"`: a fresh instance from the props, as on the first mount.
 */
export type RestoreKind = "resumed" | "rehydrated" | "mounted";

/** An attempt that failed before the one that worked; the client falls back silently and reports it here. */
export interface RestoreFailure {
  readonly step: "resume" | "rehydrate";
  /** Usually a `LiveError`: `resume_failed`, `token_expired`, `token_replayed`, `token_unknown_key`, … */
  readonly error: Error;
}

/** What happened when a component was (re-)attached. */
export interface RestoreEvent {
  readonly kind: RestoreKind;
  /** The component's registered name. */
  readonly component: string;
  /** The props it was mounted with. */
  readonly props: object | undefined;
  /** The instance id now. */
  readonly instance: string;
  /** The instance id before the reconnect; `undefined` for a `client.mount`. */
  readonly previousInstance: string | undefined;
  /** The attempts that failed first, in order (empty when the first attempt worked). */
  readonly failures: readonly RestoreFailure[];
}

type AnyHandle = ComponentHandle<object, {}>;
type Snapshot = ComponentSnapshot & { readonly [member: string]: unknown };

/** What {@link restoreComponents} needs from the client. */
export interface RestoreTarget {
  /** The new connection. */
  readonly connection: Connection;
  readonly logger: LiveLogger;
  /** Routes the patches of `instance` to `handle` (`undefined`: to nobody). */
  route(instance: string, handle: AnyHandle | undefined): void;
  /**
   * Called with the `mounted` answer of a rehydrate or mount — synchronously, so a patch right behind it is routed.
   * Returns false when the handle was unmounted meanwhile (the new instance is then released).
   */
  attached(handle: AnyHandle, snapshot: Snapshot, kind: RestoreKind): boolean;
}

/** The outcome of {@link restoreComponents}. */
export interface RestoreOutcome {
  /** False when the connection failed meanwhile (closed or timed out): the caller tries again. */
  readonly ok: boolean;
  /** One event per component brought back, to report once the client is open. */
  readonly restored: readonly (readonly [AnyHandle, RestoreEvent])[];
}

/**
 * Brings components back on a new connection, each through the first of resume (when it holds a resume secret),
 * rehydrate (when it holds a token) and mount that works. A component the server refuses even to mount is
 * detached (its `onError` hears why).
 */
export async function restoreComponents(handles: readonly AnyHandle[], target: RestoreTarget): Promise<RestoreOutcome> {
  const restored: (readonly [AnyHandle, RestoreEvent])[] = [];
  const outcomes = await Promise.all(
    handles.map(async (handle) => {
      try {
        const event = await restoreComponent(handle, target);
        if (event !== undefined) restored.push([handle, event]);
        return true;
      } catch (error) {
        if (isConnectionFailure(error)) return false;
        target.logger.error?.(`live: could not re-mount ${handle.component}: ${(error as Error).message}`);
        handle.detach(error as Error);
        return true;
      }
    }),
  );
  return { ok: outcomes.every(Boolean), restored };
}

/** A failure of the connection itself rather than an answer: the whole reconnect starts over. */
export function isConnectionFailure(error: unknown): boolean {
  return error instanceof LiveClosedError || error instanceof LiveTimeoutError;
}

async function restoreComponent(handle: AnyHandle, target: RestoreTarget): Promise<RestoreEvent | undefined> {
  const failures: RestoreFailure[] = [];
  const previousInstance = handle.instance;
  const event = (kind: RestoreKind): RestoreEvent | undefined =>
    handle.isMounted
      ? { kind, component: handle.component, props: handle.props, instance: handle.instance, previousInstance, failures }
      : undefined;

  const secret = handle.resumeSecret;
  if (secret !== undefined) {
    try {
      await resume(handle, secret, target);
      return event("resumed");
    } catch (error) {
      if (isConnectionFailure(error)) throw error;
      failures.push({ step: "resume", error: error as Error });
      target.logger.info?.(`live: could not resume ${handle.component} ${previousInstance}: ${(error as Error).message}`);
    }
  }

  const token = handle.token;
  if (token !== undefined) {
    try {
      await rehydrate(handle, token, target.connection, (answer) => target.attached(handle, answer, "rehydrated"));
      return event("rehydrated");
    } catch (error) {
      if (isConnectionFailure(error)) throw error;
      failures.push({ step: "rehydrate", error: error as Error });
      target.logger.warn?.(`live: could not rehydrate ${handle.component}: ${(error as Error).message}; mounting afresh.`);
    }
  }

  const message: ClientRequest =
    handle.props === undefined
      ? { type: "mount", component: handle.component }
      : { type: "mount", component: handle.component, props: handle.props };
  await target.connection.request(message, "mounted", (answer) => target.attached(handle, toSnapshot(answer), "mounted"));
  return event("mounted");
}

/**
 * Sends `rehydrate` with the token; `onAnswer` gets the `mounted` answer synchronously. Rejects with the server's
 * `LiveError` (e.g. `token_expired`) when it refuses.
 */
export async function rehydrate(
  handle: { readonly component: string; readonly props: object | undefined },
  token: string,
  connection: Connection,
  onAnswer: (answer: Snapshot) => void,
): Promise<void> {
  const message: ClientRequest =
    handle.props === undefined
      ? { type: "rehydrate", component: handle.component, token }
      : { type: "rehydrate", component: handle.component, token, props: handle.props };
  await connection.request(message, "mounted", (answer) => onAnswer(toSnapshot(answer)));
}

/**
 * Sends `resume` for the handle's instance. The server replays the missed patches and then answers `resumed`;
 * the handle holds those patches and applies them on the answer (or takes its full `state`). When the replay has a
 * gap, the full state is fetched with `resync` on the new connection.
 */
async function resume(handle: AnyHandle, secret: string, target: RestoreTarget): Promise<void> {
  const { connection } = target;
  const instance = handle.instance;
  target.route(instance, handle);
  handle.holdPatches();
  let complete = false;
  try {
    await connection.request({ type: "resume", instance, resume: secret, version: handle.version }, "resumed", (answer) => {
      checkResumed(answer, instance);
      complete = handle.completeResume(answer);
    });
  } catch (error) {
    handle.releaseHeld();
    target.route(instance, undefined);
    throw error;
  }
  if (!handle.isMounted) {
    // Unmounted while it was being resumed: release the instance on the server too.
    target.route(instance, undefined);
    void connection.request({ type: "unmount", instance }, "unmounted").catch(() => undefined);
    return;
  }
  if (complete) return;
  target.logger.warn?.(`live: the patches replayed for ${handle.component} ${instance} have a gap; fetching its state.`);
  try {
    await connection.request({ type: "resync", instance }, "state", (answer) => handle.resyncedTo(toSnapshot(answer)));
  } catch (error) {
    if (isConnectionFailure(error)) throw error;
    // Resumed but without a usable state: release it and let rehydrate or mount bring the component back.
    handle.releaseHeld();
    target.route(instance, undefined);
    void connection.request({ type: "unmount", instance }, "unmounted").catch(() => undefined);
    throw error;
  }
}

function checkResumed(answer: ResumedMessage, instance: string): void {
  if (answer.instance !== instance || !Number.isSafeInteger(answer.version) || typeof answer.resume !== "string") {
    throw new LiveError("unexpected_answer", `The 'resumed' answer for ${instance} lacks instance, version or resume, or names another instance.`);
  }
}

/**
 * Applies the replayed patches (sorted by version) that lead from `version` to `target` to `state`; patches at or
 * below `version` or above `target` are skipped. Returns the new state, or undefined (nothing applied) when a
 * version is missing or a patch does not apply.
 * @internal
 */
export function replay<T>(
  state: T,
  version: number,
  patches: readonly PatchMessage[],
  target: number,
  onPatchError: (error: unknown) => void,
): T | undefined {
  let next = state;
  for (const message of patches) {
    if (message.version <= version || message.version > target) continue;
    if (message.version !== version + 1) return undefined;
    try {
      next = applyPatch(next, message.ops);
    } catch (error) {
      onPatchError(error);
      return undefined;
    }
    version = message.version;
  }
  return version === target ? next : undefined;
}
