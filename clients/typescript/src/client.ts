import type { ActionSignatures, ComponentBinding } from "./bindings.js";
import { ComponentHandle, type ComponentHost } from "./component.js";
import { Connection, redact, type CloseInfo, type LiveLogger, type WebSocketConstructor } from "./connection.js";
import { endpointUrl, resolveWebSocket } from "./endpoint.js";
import { LiveClosedError } from "./errors.js";
import { ANSWER_TYPE, toSnapshot, type AnswerTypes, type ClientRequest, type ServerMessage } from "./protocol.js";
import { backoffDelay, resolveReconnectPolicy, restoreComponents, type ReconnectOptions, type ReconnectPolicy } from "./reconnect.js";

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
}

const CLOSE_DESCRIPTIONS: { readonly [code: number]: string } = {
  1000: "normal closure",
  1001: "server going away",
  1006: "connection dropped",
  1011: "server error",
  4000: "idle timeout",
  4001: "client too slow",
  4002: "handshake timeout",
  4008: "rate limit exceeded",
  4401: "authentication failed or expired",
};

type AnyHandle = ComponentHandle<object, {}>;

/**
 * A connection to a Live endpoint that mounts components and keeps them alive across reconnects.
 *
 * The socket opens on the first `mount` (or `connect()`). After an unexpected close the client reconnects with
 * backoff, re-mounts every component still held (same props), replaces their state and reports "open" again.
 */
export class LiveClient {
  private readonly logger: LiveLogger;
  private readonly policy: ReconnectPolicy | undefined;
  private readonly requestTimeoutMs: number;
  private readonly connectTimeoutMs: number;
  private readonly heartbeatIntervalMs: number;
  private readonly random: () => number;
  private readonly statusListeners = new Set<StatusListener>();
  private readonly held = new Set<AnyHandle>();
  private readonly byInstance = new Map<string, AnyHandle>();
  private openWaiters: { resolve: (connection: Connection) => void; reject: (error: Error) => void }[] = [];
  private currentStatus: LiveStatus = "closed";
  private connection: Connection | undefined;
  private disposed = false;
  private cancelDelay: (() => void) | undefined;
  private webSocketCtor: WebSocketConstructor | undefined;
  private readonly host: ComponentHost;

  constructor(
    private readonly url: string,
    private readonly options: LiveClientOptions = {},
  ) {
    this.logger = options.logger ?? {};
    this.policy = resolveReconnectPolicy(options.reconnect);
    this.requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
    this.connectTimeoutMs = options.connectTimeoutMs ?? 15_000;
    this.heartbeatIntervalMs = options.heartbeatIntervalMs ?? 10_000;
    this.random = options.random ?? Math.random;
    this.webSocketCtor = options.WebSocket;
    if (!(this.requestTimeoutMs > 0)) throw new RangeError("requestTimeoutMs must be > 0.");
    if (!(this.connectTimeoutMs > 0)) throw new RangeError("connectTimeoutMs must be > 0.");
    if (!(this.heartbeatIntervalMs >= 0)) throw new RangeError("heartbeatIntervalMs must be >= 0 (0 disables it).");
    this.host = {
      logger: this.logger,
      requestWhenOpen: (build, onAnswer) => this.requestWhenOpen(build, onAnswer),
      requestNow: (message, onAnswer) => {
        const connection = this.currentStatus === "open" ? this.connection : undefined;
        if (connection === undefined) return Promise.reject(new LiveClosedError("Not connected."));
        return this.send(connection, message, onAnswer);
      },
      release: (handle) => this.release(handle),
    };
  }

  /** The current status. */
  get status(): LiveStatus {
    return this.currentStatus;
  }

  /** Subscribes to status changes; returns the unsubscribe function. */
  onStatus(listener: StatusListener): () => void {
    this.statusListeners.add(listener);
    return () => void this.statusListeners.delete(listener);
  }

  /** Opens the connection now instead of on the first mount. Resolves when open; rejects with `LiveClosedError`. */
  async connect(): Promise<void> {
    await this.whenOpen();
  }

  /**
   * Mounts a component and resolves with its handle once the server has answered `mounted`.
   * Rejects with `LiveError` (e.g. `unknown_component`, `mount_failed`), `LiveTimeoutError` or `LiveClosedError`.
   */
  async mount<TState extends object, TActions extends ActionSignatures<TActions>, TProps extends object>(
    binding: ComponentBinding<TState, TActions, TProps>,
    props?: NoInfer<TProps>,
  ): Promise<ComponentHandle<TState, TActions>> {
    let handle: ComponentHandle<TState, TActions> | undefined;
    await this.requestWhenOpen(
      () => (props === undefined ? { type: "mount", component: binding.component } : { type: "mount", component: binding.component, props }),
      (answer) => {
        const snapshot = toSnapshot(answer);
        handle = new ComponentHandle<TState, TActions>(this.host, binding, props, snapshot);
        this.held.add(handle as unknown as AnyHandle);
        this.byInstance.set(snapshot.instance, handle as unknown as AnyHandle);
      },
    );
    return handle!;
  }

  /**
   * Hands the server a fresh token for the connection's user before the current one expires (see
   * `docs/protocol.md#refresh`). Resolves with the new expiry (undefined when it has none). A token the server
   * refuses — invalid, expired, or another user's — closes the connection with code 4401, and this rejects with
   * `LiveClosedError`; `accessTokenFactory` should then return a valid token for the reconnect.
   */
  async refresh(token: string): Promise<Date | undefined> {
    const answer = await this.requestWhenOpen(() => ({ type: "refresh", token }));
    return answer.expiresAt === undefined ? undefined : new Date(answer.expiresAt);
  }

  /** Closes the connection for good: status "closed", no reconnect, pending requests fail with `LiveClosedError`. */
  async close(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    this.cancelDelay?.();
    const connection = this.connection;
    this.connection = undefined;
    for (const handle of [...this.held]) handle.detach();
    this.setStatus("closed", {}, new LiveClosedError("The client was closed."));
    await connection?.close(1000, "client closed");
  }

  // ---- requests ------------------------------------------------------------------------------------------------

  private send<T extends keyof AnswerTypes>(
    connection: Connection,
    message: ClientRequest & { type: T },
    onAnswer?: (answer: AnswerTypes[T]) => void,
  ): Promise<AnswerTypes[T]> {
    return connection.request(message, ANSWER_TYPE[message.type], onAnswer as (answer: ServerMessage) => void) as Promise<AnswerTypes[T]>;
  }

  private async requestWhenOpen<T extends keyof AnswerTypes>(
    build: () => ClientRequest & { type: T },
    onAnswer?: (answer: AnswerTypes[T]) => void,
  ): Promise<AnswerTypes[T]> {
    const connection = await this.whenOpen();
    return this.send(connection, build(), onAnswer);
  }

  private whenOpen(): Promise<Connection> {
    if (this.disposed) return Promise.reject(new LiveClosedError("The client was closed."));
    if (this.currentStatus === "open" && this.connection !== undefined) return Promise.resolve(this.connection);
    const waiter = new Promise<Connection>((resolve, reject) => this.openWaiters.push({ resolve, reject }));
    if (this.currentStatus === "closed") void this.openFirst();
    return waiter;
  }

  // ---- connection lifecycle ------------------------------------------------------------------------------------

  private async openFirst(): Promise<void> {
    this.setStatus("connecting", {});
    let connection: Connection;
    try {
      connection = await this.openConnection();
    } catch (error) {
      if (!this.disposed) this.setStatus("closed", { error: error as Error }, error as Error);
      return;
    }
    if (this.disposed) {
      void connection.close(1000, "client closed");
      return;
    }
    this.adopt(connection);
  }

  private adopt(connection: Connection): void {
    if (!connection.isOpen) return; // Closed while being set up; the caller's loop deals with it.
    this.connection = connection;
    this.setStatus("open", {});
  }

  private async openConnection(): Promise<Connection> {
    const url = endpointUrl(this.url, await this.options.accessTokenFactory?.());
    const WebSocket = (this.webSocketCtor ??= await resolveWebSocket());
    const connection: Connection = await Connection.open({
      url,
      WebSocket,
      connectTimeoutMs: this.connectTimeoutMs,
      requestTimeoutMs: this.requestTimeoutMs,
      heartbeatIntervalMs: this.heartbeatIntervalMs,
      logger: this.logger,
      onMessage: (message) => this.route(message),
      onClose: (info) => this.connectionClosed(connection, info),
    });
    this.logger.debug?.(`live: connected to ${redact(url)}`);
    return connection;
  }

  private route(message: ServerMessage): void {
    if (message.type !== "patch") {
      if (message.type !== "error") this.logger.debug?.(`live: ignoring unsolicited '${message.type}' message.`);
      return;
    }
    if (typeof message.instance !== "string" || !Number.isSafeInteger(message.version) || !Array.isArray(message.ops)) {
      this.logger.warn?.("live: ignoring a malformed patch message.");
      return;
    }
    const handle = this.byInstance.get(message.instance);
    if (handle === undefined) this.logger.debug?.(`live: patch for unknown instance ${message.instance} ignored.`);
    else handle.receivePatch(message);
  }

  private connectionClosed(connection: Connection, info: CloseInfo): void {
    if (connection !== this.connection) return; // Not adopted (still being set up) or already replaced.
    this.connection = undefined;
    this.byInstance.clear();
    if (this.disposed) return;
    const description = CLOSE_DESCRIPTIONS[info.code] ?? "closed";
    this.logger.warn?.(`live: connection closed: ${info.code} ${description}${info.reason ? ` (${info.reason})` : ""}.`);
    const detail = { closeCode: info.code, closeReason: info.reason };
    if (this.policy === undefined) {
      const error = new LiveClosedError(`The connection closed: ${info.code} ${description}.`, info.code, info.reason);
      for (const handle of [...this.held]) handle.detach();
      this.setStatus("closed", detail, error);
      return;
    }
    this.setStatus("reconnecting", detail);
    void this.reconnect(this.policy);
  }

  private async reconnect(policy: ReconnectPolicy): Promise<void> {
    let lastError: Error | undefined;
    for (let attempt = 1; attempt <= policy.maxAttempts; attempt++) {
      const delayMs = backoffDelay(attempt, policy, this.random);
      this.logger.info?.(`live: reconnect attempt ${attempt} in ${delayMs} ms.`);
      await this.delay(delayMs);
      if (this.disposed) return;
      let connection: Connection;
      try {
        connection = await this.openConnection();
      } catch (error) {
        lastError = error as Error;
        this.logger.info?.(`live: reconnect attempt ${attempt} failed: ${lastError.message}`);
        continue;
      }
      this.byInstance.clear();
      const restored =
        !this.disposed &&
        (await restoreComponents([...this.held], {
          connection,
          resume: policy.resume,
          logger: this.logger,
          attached: (handle, snapshot) => {
            if (!handle.isMounted) {
              // Unmounted while it was being restored: release the new instance too.
              void connection.request({ type: "unmount", instance: snapshot.instance }, "unmounted").catch(() => undefined);
              return;
            }
            this.byInstance.delete(handle.instance);
            this.byInstance.set(snapshot.instance, handle);
            handle.attach(snapshot);
          },
        }));
      if (this.disposed) {
        void connection.close(1000, "client closed");
        return;
      }
      if (restored && connection.isOpen) {
        this.adopt(connection);
        this.logger.info?.(`live: reconnected after ${attempt} attempt(s).`);
        return;
      }
      lastError = new LiveClosedError("The connection dropped while re-mounting components.");
      void connection.close(1000, "reconnect failed");
    }
    const error = new LiveClosedError(
      `Gave up reconnecting after ${policy.maxAttempts} attempt(s)${lastError ? `: ${lastError.message}` : "."}`,
    );
    this.logger.error?.(`live: ${error.message}`);
    for (const handle of [...this.held]) handle.detach(error);
    this.setStatus("closed", { error }, error);
  }

  private release(handle: AnyHandle): void {
    this.held.delete(handle);
    if (this.byInstance.get(handle.instance) === handle) this.byInstance.delete(handle.instance);
  }

  // ---- helpers -------------------------------------------------------------------------------------------------

  private setStatus(status: LiveStatus, detail: Omit<StatusEvent, "status" | "previous">, error?: Error): void {
    if (status === "open") {
      const waiters = this.openWaiters;
      this.openWaiters = [];
      for (const waiter of waiters) waiter.resolve(this.connection!);
    } else if (status === "closed") {
      const waiters = this.openWaiters;
      this.openWaiters = [];
      for (const waiter of waiters) waiter.reject(error ?? new LiveClosedError("Not connected."));
    }
    const previous = this.currentStatus;
    if (previous === status) return;
    this.currentStatus = status;
    const event: StatusEvent = { ...detail, status, previous };
    for (const listener of [...this.statusListeners]) {
      try {
        listener(status, event);
      } catch (thrown) {
        this.logger.error?.("live: a status listener threw.", thrown);
      }
    }
  }

  private delay(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(finish, ms);
      function finish() {
        clearTimeout(timer);
        resolve();
      }
      this.cancelDelay = finish;
    });
  }
}
