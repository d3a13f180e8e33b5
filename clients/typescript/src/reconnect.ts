import type { ComponentHandle } from "./component.js";
import type { Connection, LiveLogger } from "./connection.js";
import { LiveClosedError, LiveTimeoutError } from "./errors.js";
import { toSnapshot, type ClientRequest, type ServerMessage } from "./protocol.js";

/** What a component looks like after (re-)attaching: the instance id, the state's version and the state. */
export interface ComponentSnapshot {
  readonly instance: string;
  readonly version: number;
  readonly state: unknown;
}

/** What a {@link ResumeHook} knows about a component it is asked to bring back on a new connection. */
export interface ResumeContext {
  /** The component's registered name. */
  readonly component: string;
  /** The props it was mounted with. */
  readonly props: object | undefined;
  /** The instance id, version and state the client held when the old connection dropped. */
  readonly previous: ComponentSnapshot;
  /**
   * The last `mounted`/`state` message the server sent for this component, with every member it had; a server
   * that adds e.g. a signed-state token to those messages makes it reachable here without client changes.
   */
  readonly lastSnapshotMessage: { readonly [member: string]: unknown };
  /**
   * Sends a request on the new connection (the `id` is added) and resolves with the answer; an `error` answer
   * rejects with `LiveError`.
   */
  request(message: ClientRequest): Promise<ServerMessage>;
}

/**
 * Runs for each held component after a reconnect, before the client falls back to a fresh `mount` with the same
 * props. Return a snapshot to use it (e.g. after a `resume` with a token, or rehydrating from signed state);
 * return `undefined` to let the client mount afresh. A thrown error is logged and also falls back to `mount`.
 */
export type ResumeHook = (context: ResumeContext) => Promise<ComponentSnapshot | undefined>;

/** Reconnect settings; `reconnect: false` turns reconnecting off. */
export interface ReconnectOptions {
  /** Upper bound of the first delay (full jitter picks uniformly in [0, bound]). Default 500 ms. */
  readonly initialDelayMs?: number;
  /** Cap of the delay bound, which doubles each attempt. Default 30 000 ms. */
  readonly maxDelayMs?: number;
  /** Attempts before giving up (status "closed"); `Infinity` never gives up. Default `Infinity`. */
  readonly maxAttempts?: number;
  /** See {@link ResumeHook}. */
  readonly resume?: ResumeHook;
}

/** {@link ReconnectOptions} with defaults applied. */
export interface ReconnectPolicy {
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
  readonly maxAttempts: number;
  readonly resume: ResumeHook | undefined;
}

export const DEFAULT_RECONNECT: Readonly<Omit<ReconnectPolicy, "resume">> = Object.freeze({
  initialDelayMs: 500,
  maxDelayMs: 30_000,
  maxAttempts: Number.POSITIVE_INFINITY,
});

/** Applies defaults and validates; `undefined` means reconnecting is off. */
export function resolveReconnectPolicy(options: ReconnectOptions | false | undefined): ReconnectPolicy | undefined {
  if (options === false) return undefined;
  const policy: ReconnectPolicy = {
    initialDelayMs: options?.initialDelayMs ?? DEFAULT_RECONNECT.initialDelayMs,
    maxDelayMs: options?.maxDelayMs ?? DEFAULT_RECONNECT.maxDelayMs,
    maxAttempts: options?.maxAttempts ?? DEFAULT_RECONNECT.maxAttempts,
    resume: options?.resume,
  };
  if (!(policy.initialDelayMs >= 0)) throw new RangeError("reconnect.initialDelayMs must be >= 0.");
  if (!(policy.maxDelayMs >= policy.initialDelayMs)) throw new RangeError("reconnect.maxDelayMs must be >= initialDelayMs.");
  if (!(policy.maxAttempts >= 1)) throw new RangeError("reconnect.maxAttempts must be >= 1 (or Infinity).");
  return policy;
}

/**
 * Delay before reconnect attempt `attempt` (1-based): "full jitter" — uniform in
 * [0, min(maxDelayMs, initialDelayMs · 2^(attempt-1))]. Spreading clients over the whole window is what keeps
 * a fleet of clients from reconnecting in lockstep after a server restart.
 */
export function backoffDelay(
  attempt: number,
  policy: Pick<ReconnectPolicy, "initialDelayMs" | "maxDelayMs">,
  random: () => number = Math.random,
): number {
  const exponent = Math.min(Math.max(attempt - 1, 0), 52);
  const bound = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** exponent);
  return Math.floor(random() * bound);
}

type AnyHandle = ComponentHandle<object, {}>;

/** What {@link restoreComponents} needs from the client. */
export interface RestoreTarget {
  /** The new connection. */
  readonly connection: Connection;
  readonly resume: ResumeHook | undefined;
  readonly logger: LiveLogger;
  /**
   * Called with each component's new snapshot — synchronously on the answer for a fresh mount, so the client can
   * route a patch that follows right behind it.
   */
  readonly attached: (handle: AnyHandle, snapshot: ComponentSnapshot & { readonly [member: string]: unknown }) => void;
}

/**
 * Brings components back on a new connection: through the resume hook when there is one and it returns a snapshot,
 * else by mounting afresh with the same props. A component the server refuses is detached (its `onError` hears
 * why). Resolves false when the connection failed meanwhile (closed or timed out), so the caller tries again.
 */
export async function restoreComponents(handles: readonly AnyHandle[], target: RestoreTarget): Promise<boolean> {
  const outcomes = await Promise.all(
    handles.map(async (handle) => {
      try {
        await restoreComponent(handle, target);
        return true;
      } catch (error) {
        if (error instanceof LiveClosedError || error instanceof LiveTimeoutError) return false;
        target.logger.error?.(`live: could not re-mount ${handle.component}: ${(error as Error).message}`);
        handle.detach(error as Error);
        return true;
      }
    }),
  );
  return outcomes.every(Boolean);
}

async function restoreComponent(handle: AnyHandle, target: RestoreTarget): Promise<void> {
  const { connection, resume } = target;
  if (resume !== undefined) {
    try {
      const snapshot = await resume({
        component: handle.component,
        props: handle.props,
        previous: { instance: handle.instance, version: handle.version, state: handle.state },
        lastSnapshotMessage: handle.snapshotMessage,
        request: (message) => connection.request(message),
      });
      if (snapshot !== undefined) {
        target.attached(handle, toSnapshot(snapshot));
        return;
      }
    } catch (error) {
      if (error instanceof LiveClosedError) throw error;
      target.logger.warn?.(`live: resume of ${handle.component} failed; mounting afresh.`, error);
    }
  }
  const message: ClientRequest =
    handle.props === undefined
      ? { type: "mount", component: handle.component }
      : { type: "mount", component: handle.component, props: handle.props };
  await connection.request(message, "mounted", (answer) => target.attached(handle, toSnapshot(answer)));
}
