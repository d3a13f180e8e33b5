import type { ActionSignatures, ComponentBinding } from "./bindings.js";
import { ComponentHandle, type ComponentHost } from "./component.js";
import { Connection, redact, type CloseInfo, type LiveLogger, type WebSocketConstructor } from "./connection.js";
import { endpointUrl, resolveWebSocket } from "./endpoint.js";
import { LiveClosedError, LiveError } from "./errors.js";
import { emit } from "./listeners.js";
import { ANSWER_TYPE, toSnapshot, type AnswerTypes, type ClientRequest, type ServerMessage } from "./protocol.js";
import type { DefaultEvents, RoomBinding, RoomEventOf } from "./bindings.js";
import type { RoomHandle } from "./room.js";
import { RoomRegistry } from "./rooms.js";
import { ComponentRegistry } from "./registry.js";
import { backoffDelay, type ReconnectPolicy } from "./reconnect.js";
import {
  resolveOptions,
  type ClientRestoreListener,
  type LiveClientOptions,
  type LiveStatus,
  type StatusEvent,
  type StatusListener,
} from "./options.js";
import { isConnectionFailure, rehydrate, restoreComponents, type RestoreEvent, type RestoreFailure, type RestoreKind } from "./restore.js";
import type { TokenStore } from "./tokens.js";

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
  private readonly restoreListeners = new Set<ClientRestoreListener>();
  private readonly tokens: TokenStore;
  private readonly components: ComponentRegistry;
  private openWaiters: { resolve: (connection: Connection) => void; reject: (error: Error) => void }[] = [];
  private currentStatus: LiveStatus = "closed";
  private connection: Connection | undefined;
  private disposed = false;
  private cancelDelay: (() => void) | undefined;
  private webSocketCtor: WebSocketConstructor | undefined;
  private readonly host: ComponentHost;
  private readonly rooms: RoomRegistry;

  constructor(
    private readonly url: string,
    private readonly options: LiveClientOptions = {},
  ) {
    ({
      logger: this.logger,
      policy: this.policy,
      requestTimeoutMs: this.requestTimeoutMs,
      connectTimeoutMs: this.connectTimeoutMs,
      heartbeatIntervalMs: this.heartbeatIntervalMs,
      random: this.random,
      tokens: this.tokens,
    } = resolveOptions(options));
    this.webSocketCtor = options.WebSocket;
    this.components = new ComponentRegistry(this.logger);
    this.host = {
      logger: this.logger,
      requestWhenOpen: (build, onAnswer) => this.requestWhenOpen(build, onAnswer),
      requestNow: (message, onAnswer) => {
        const connection = this.currentStatus === "open" ? this.connection : undefined;
        if (connection === undefined) return Promise.reject(new LiveClosedError("Not connected."));
        return this.send(connection, message, onAnswer);
      },
      release: (handle) => this.components.release(handle),
      keepsTokens: this.tokens.enabled,
      tokenChanged: (handle, token, version) =>
        token === undefined ? this.tokens.remove(handle.component, handle.props) : this.tokens.save(handle.component, handle.props, token, version),
      joinRoom: async (handle, room, metadata) => {
        const answer = await this.requestWhenOpen(() =>
          metadata === undefined
            ? { type: "join", instance: handle.instance, room }
            : { type: "join", instance: handle.instance, room, metadata },
        );
        return this.rooms.joined(answer);
      },
      setRoomStatus: async (room, status) => {
        const answer = await this.requestWhenOpen(() => ({ type: "presence", room, status }));
        return answer.value === "away" ? "away" : "online";
      },
      leaveRoom: async (handle, room) => {
        const answer = await this.requestWhenOpen(() => ({ type: "leave", instance: handle.instance, room }));
        this.rooms.left(answer);
      },
    };
    this.rooms = new RoomRegistry(this.host, this.components);
  }

  /**
   * A room this client is in (server code put one of its components there, or `joinRoom` did), by name or typed
   * binding and key; `undefined` when it is in no such room.
   */
  room<TState extends object = { readonly [name: string]: unknown }, TEvents = DefaultEvents>(
    room: string | RoomBinding<TState, TEvents>,
    key?: string,
  ): RoomHandle<TState, TEvents> | undefined {
    return this.rooms.get(RoomRegistry.nameOf(room as RoomBinding<object, unknown>, key)) as RoomHandle<TState, TEvents> | undefined;
  }

  /** Subscribes to rooms this client enters (the first `joined` for a room name); returns the unsubscribe function. */
  onRoomJoined(listener: (room: RoomHandle) => void): () => void {
    return this.rooms.onJoined(listener as (room: RoomHandle<object, DefaultEvents>) => void);
  }

  /** Subscribes to every event this client receives: room events and events sent to all of the user's connections. */
  onEvent<TEvents = DefaultEvents>(listener: (event: RoomEventOf<TEvents>) => void): () => void {
    return this.rooms.onEvent(listener as unknown as (event: RoomEventOf<DefaultEvents>) => void);
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

  /**
   * Subscribes to how components are attached: `"mounted"`, `"rehydrated"` (from a stored token, e.g. after a page
   * reload) or `"resumed"`, for every `mount` and every component after each reconnect. Register it before mounting
   * to hear about the first mounts too. Returns the unsubscribe function.
   */
  onRestore(listener: ClientRestoreListener): () => void {
    this.restoreListeners.add(listener);
    return () => void this.restoreListeners.delete(listener);
  }

  /** Opens the connection now instead of on the first mount. Resolves when open; rejects with `LiveClosedError`. */
  async connect(): Promise<void> {
    await this.whenOpen();
  }

  /**
   * Mounts a component and resolves with its handle once the server has answered `mounted`. When a token for the
   * same component and props is stored (a page reload), it first tries to rehydrate that state, falling back to a
   * fresh mount if the server refuses the token (`handle.restoredBy` says which happened).
   * Rejects with `LiveError` (e.g. `unknown_component`, `mount_failed`), `LiveTimeoutError` or `LiveClosedError`.
   */
  async mount<TState extends object, TActions extends ActionSignatures<TActions>, TProps extends object>(
    binding: ComponentBinding<TState, TActions, TProps>,
    props?: NoInfer<TProps>,
  ): Promise<ComponentHandle<TState, TActions>> {
    let handle: ComponentHandle<TState, TActions> | undefined;
    const adopt = (answer: object, kind: RestoreKind) => {
      const snapshot = toSnapshot(answer);
      handle = new ComponentHandle<TState, TActions>(this.host, binding, props, snapshot, kind);
      this.components.add(handle as unknown as AnyHandle);
    };
    const failures: RestoreFailure[] = [];
    const token = this.tokens.load(binding.component, props);
    if (token !== undefined) {
      try {
        const connection = await this.whenOpen();
        await rehydrate({ component: binding.component, props }, token, connection, (answer) => adopt(answer, "rehydrated"));
      } catch (error) {
        if (isConnectionFailure(error) || !(error instanceof LiveError)) throw error;
        failures.push({ step: "rehydrate", error });
        this.tokens.remove(binding.component, props);
        this.logger.warn?.(`live: could not rehydrate ${binding.component} from its stored token (${error.code}); mounting afresh.`);
      }
    }
    if (handle === undefined) {
      await this.requestWhenOpen(
        () => (props === undefined ? { type: "mount", component: binding.component } : { type: "mount", component: binding.component, props }),
        (answer) => adopt(answer, "mounted"),
      );
    }
    const mounted = handle as unknown as AnyHandle;
    this.emitRestore(mounted, { kind: mounted.restoredBy, component: mounted.component, props, instance: mounted.instance, previousInstance: undefined, failures });
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
    for (const handle of this.components.handles) handle.detach();
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
      onMessage: (message) => {
        try {
          if (this.rooms.route(message)) return;
        } catch (error) {
          this.logger.warn?.("live: ignoring a malformed room message.", error);
          return;
        }
        this.components.dispatch(message);
      },
      onClose: (info) => this.connectionClosed(connection, info),
    });
    this.logger.debug?.(`live: connected to ${redact(url)}`);
    return connection;
  }

  private connectionClosed(connection: Connection, info: CloseInfo): void {
    if (connection !== this.connection) return; // Not adopted (still being set up) or already replaced.
    this.connection = undefined;
    this.components.clearRoutes();
    this.rooms.connectionClosed();
    if (this.disposed) return;
    const description = CLOSE_DESCRIPTIONS[info.code] ?? "closed";
    this.logger.warn?.(`live: connection closed: ${info.code} ${description}${info.reason ? ` (${info.reason})` : ""}.`);
    const detail = { closeCode: info.code, closeReason: info.reason };
    if (this.policy === undefined) {
      const error = new LiveClosedError(`The connection closed: ${info.code} ${description}.`, info.code, info.reason);
      for (const handle of this.components.handles) handle.detach();
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
      this.components.clearRoutes();
      const outcome = this.disposed
        ? undefined
        : await restoreComponents(this.components.handles, {
            connection,
            logger: this.logger,
            route: (instance, handle) => this.components.route(instance, handle),
            attached: (handle, snapshot, kind) => {
              if (!handle.isMounted) {
                // Unmounted while it was being restored: release the new instance too.
                void connection.request({ type: "unmount", instance: snapshot.instance }, "unmounted").catch(() => undefined);
                return false;
              }
              this.components.attach(handle, snapshot, kind);
              return true;
            },
          });
      if (this.disposed) {
        void connection.close(1000, "client closed");
        return;
      }
      if (outcome?.ok === true && connection.isOpen) {
        this.adopt(connection);
        this.logger.info?.(`live: reconnected after ${attempt} attempt(s).`);
        for (const [handle, event] of outcome.restored) {
          handle.emitRestore(event);
          this.emitRestore(handle, event);
        }
        return;
      }
      lastError = new LiveClosedError("The connection dropped while re-mounting components.");
      void connection.close(1000, "reconnect failed");
    }
    const error = new LiveClosedError(
      `Gave up reconnecting after ${policy.maxAttempts} attempt(s)${lastError ? `: ${lastError.message}` : "."}`,
    );
    this.logger.error?.(`live: ${error.message}`);
    for (const handle of this.components.handles) handle.detach(error);
    this.setStatus("closed", { error }, error);
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
    emit(this.statusListeners, this.logger, "a status listener", status, { ...detail, status, previous });
  }

  private emitRestore(handle: AnyHandle, event: RestoreEvent): void {
    emit(this.restoreListeners, this.logger, "an onRestore listener", event.kind, { ...event, handle });
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
