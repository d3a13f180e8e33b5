import type { ComponentHandle } from "./component.js";
import type { LiveLogger, WebSocketConstructor } from "./connection.js";
import { resolveReconnectPolicy, type ReconnectOptions, type ReconnectPolicy } from "./reconnect.js";
import type { RestoreEvent, RestoreKind } from "./restore.js";
import { TokenStore, type TokenStorageOption } from "./tokens.js";

/** Where the client is: opening its first connection, open, re-establishing a lost one, or not connected. */
export type LiveStatus = "connecting" | "open" | "reconnecting" | "closed";

/** Details of a status change. */
export interface StatusEvent {
  readonly status: LiveStatus;
  readonly previous: LiveStatus;
  /** For "reconnecting"/"closed" after a connection ended: its close code (4000 idle, 4001 too slow, 1001 going away, 1006 dropped…). */
  readonly closeCode?: number;
  readonly closeReason?: string;
  /** For "closed" when connecting failed or reconnecting gave up. */
  readonly error?: Error;
}

export type StatusListener = (status: LiveStatus, event: StatusEvent) => void;

/** Called whenever a component is attached: by `client.mount` and after each reconnect. */
export type ClientRestoreListener = (kind: RestoreKind, event: RestoreEvent & { readonly handle: ComponentHandle<object, {}> }) => void;

export interface LiveClientOptions {
  /** Called before every (re)connect; a token it returns is sent as the `access_token` query parameter. */
  readonly accessTokenFactory?: (() => string | null | undefined | Promise<string | null | undefined>) | undefined;
  /** Reconnect with exponential backoff and full jitter (the default), or `false` for none. */
  readonly reconnect?: ReconnectOptions | false | undefined;
  /** How long a request may wait for its answer. Default 30 000 ms. */
  readonly requestTimeoutMs?: number | undefined;
  /** How long opening a connection may take. Default 15 000 ms. */
  readonly connectTimeoutMs?: number | undefined;
  /** Send a `ping` after this long without sending anything. Default 10 000 ms (the server's idle timeout is 30 s). */
  readonly heartbeatIntervalMs?: number | undefined;
  /** Receives the client's diagnostics; `console` works. Default: silent. */
  readonly logger?: LiveLogger | undefined;
  /** The WebSocket constructor; defaults to `globalThis.WebSocket`, else the `ws` package (Node). */
  readonly WebSocket?: WebSocketConstructor | undefined;
  /** Random source for backoff jitter, in [0, 1). Default `Math.random`; tests pass their own. */
  readonly random?: (() => number) | undefined;
  /**
   * Where each component's newest signed state token is kept, for rehydrating after a server restart or a page
   * reload: `"session"` (default; `sessionStorage`, or memory where there is none), `"memory"`, `"none"` (never
   * rehydrate) or a `{ getItem, setItem, removeItem }` object. Resume secrets are only ever kept in memory.
   */
  readonly tokenStorage?: TokenStorageOption | undefined;
}

/** {@link LiveClientOptions} with defaults applied and validated. */
export interface ResolvedOptions {
  readonly logger: LiveLogger;
  readonly policy: ReconnectPolicy | undefined;
  readonly requestTimeoutMs: number;
  readonly connectTimeoutMs: number;
  readonly heartbeatIntervalMs: number;
  readonly random: () => number;
  readonly tokens: TokenStore;
}

/** Applies the defaults; throws `RangeError`/`TypeError` for invalid values. */
export function resolveOptions(options: LiveClientOptions): ResolvedOptions {
  const logger = options.logger ?? {};
  const resolved: ResolvedOptions = {
    logger,
    policy: resolveReconnectPolicy(options.reconnect),
    requestTimeoutMs: options.requestTimeoutMs ?? 30_000,
    connectTimeoutMs: options.connectTimeoutMs ?? 15_000,
    heartbeatIntervalMs: options.heartbeatIntervalMs ?? 10_000,
    random: options.random ?? Math.random,
    tokens: TokenStore.create(options.tokenStorage, logger),
  };
  if (!(resolved.requestTimeoutMs > 0)) throw new RangeError("requestTimeoutMs must be > 0.");
  if (!(resolved.connectTimeoutMs > 0)) throw new RangeError("connectTimeoutMs must be > 0.");
  if (!(resolved.heartbeatIntervalMs >= 0)) throw new RangeError("heartbeatIntervalMs must be >= 0 (0 disables it).");
  return resolved;
}
