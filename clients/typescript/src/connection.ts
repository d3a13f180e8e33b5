import { LiveClosedError, LiveError, LiveTimeoutError } from "./errors.js";
import { SUBPROTOCOL, type ClientRequest, type ServerMessage } from "./protocol.js";

/** Where the client writes what it does; any subset of `console` fits. */
export interface LiveLogger {
  debug?(message: string, ...details: unknown[]): void;
  info?(message: string, ...details: unknown[]): void;
  warn?(message: string, ...details: unknown[]): void;
  error?(message: string, ...details: unknown[]): void;
}

/**
 * An event handler property. Declared through a method signature so its parameter is checked bivariantly: the DOM's
 * `(ev: CloseEvent) => any` and `ws`'s `(event: WebSocket.CloseEvent) => void` both fit.
 */
type Handler<E> = { handle(event: E): void }["handle"];

/** The part of the WHATWG `WebSocket` the client uses; browsers' `WebSocket` and the `ws` package both fit. */
export interface WebSocketLike {
  readonly readyState: number;
  readonly protocol: string;
  onopen: Handler<unknown> | null;
  onclose: Handler<{ readonly code: number; readonly reason: string }> | null;
  onerror: Handler<unknown> | null;
  onmessage: Handler<{ readonly data: unknown }> | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

/** A `WebSocket` constructor (the browser's, `ws`'s, or a test double). */
export type WebSocketConstructor = new (url: string, protocols?: string | string[]) => WebSocketLike;

/** How a connection ended. */
export interface CloseInfo {
  /** WebSocket close code; 1006 when the socket dropped without a close frame. */
  readonly code: number;
  readonly reason: string;
  /** True when this client closed the connection (client.close(), or a dead connection it gave up on). */
  readonly byClient: boolean;
}

export interface ConnectionOptions {
  readonly url: string;
  readonly WebSocket: WebSocketConstructor;
  /** Bound on opening the socket. */
  readonly connectTimeoutMs: number;
  /** Bound on each request's answer. */
  readonly requestTimeoutMs: number;
  /** Send a `ping` after this long without sending anything; 0 disables the heartbeat. */
  readonly heartbeatIntervalMs: number;
  readonly logger: LiveLogger;
  /** Messages the server sends on its own (`patch`, id-less `error`, future types). */
  readonly onMessage: (message: ServerMessage) => void;
  /** Called once, when the connection has ended for any reason after it opened. */
  readonly onClose: (info: CloseInfo) => void;
}

interface Pending {
  readonly resolve: (message: ServerMessage) => void;
  readonly reject: (error: Error) => void;
  readonly timer: ReturnType<typeof setTimeout>;
}

const OPEN = 1;
/** Close code the client uses when it abandons a connection whose server stopped answering pings. */
export const CLOSE_HEARTBEAT_TIMEOUT = 4100;

/**
 * One WebSocket connection speaking `live.v1`: request ids, pending requests with timeouts, the idle
 * heartbeat, and routing of unsolicited messages. It never reconnects; {@link LiveClient} does that.
 */
export class Connection {
  private readonly pending = new Map<string, Pending>();
  private nextId = 1;
  private heartbeatTimer: ReturnType<typeof setTimeout> | undefined;
  private ended = false;
  private closedSignal: Promise<void>;
  private signalClosed!: () => void;

  private constructor(
    private readonly socket: WebSocketLike,
    private readonly options: ConnectionOptions,
  ) {
    this.closedSignal = new Promise<void>((resolve) => (this.signalClosed = resolve));
    socket.onmessage = (event) => this.receive(event.data);
    socket.onclose = (event) => {
      this.signalClosed();
      this.end({ code: event.code, reason: event.reason, byClient: false });
    };
    socket.onerror = (event) => options.logger.debug?.("live: socket error", event);
    this.armHeartbeat();
  }

  /** Opens a socket and resolves once it is open with subprotocol `live.v1`; rejects with {@link LiveClosedError}. */
  static open(options: ConnectionOptions): Promise<Connection> {
    return new Promise<Connection>((resolve, reject) => {
      let socket: WebSocketLike;
      try {
        socket = new options.WebSocket(options.url, SUBPROTOCOL);
      } catch (error) {
        reject(new LiveClosedError(`Could not open a WebSocket to ${redact(options.url)}: ${String(error)}`));
        return;
      }
      const fail = (error: LiveClosedError) => {
        clearTimeout(timer);
        socket.onopen = socket.onclose = socket.onmessage = null;
        // Not null: `ws` reports closing a connecting socket as an error event, and an error nobody listens to throws.
        socket.onerror = ignore;
        try {
          socket.close();
        } catch {
          // Closing a socket that never opened may throw in some implementations; it is gone either way.
        }
        reject(error);
      };
      const timer = setTimeout(
        () => fail(new LiveClosedError(`Opening ${redact(options.url)} took longer than ${options.connectTimeoutMs} ms.`)),
        options.connectTimeoutMs,
      );
      socket.onerror = (event) => options.logger.debug?.("live: socket error while opening", event);
      socket.onclose = (event) =>
        fail(new LiveClosedError(`Could not connect to ${redact(options.url)} (close ${event.code}).`, event.code, event.reason));
      socket.onopen = () => {
        clearTimeout(timer);
        if (socket.protocol !== SUBPROTOCOL) {
          fail(new LiveClosedError(`The server did not select subprotocol ${SUBPROTOCOL} (got '${socket.protocol}').`));
          return;
        }
        resolve(new Connection(socket, options));
      };
    });
  }

  /** True until the connection has ended. */
  get isOpen(): boolean {
    return !this.ended;
  }

  /**
   * Sends a request with a fresh `id` and resolves with the server's answer of type `expect`. Rejects with
   * {@link LiveError} for an `error` answer (or an answer of another type), {@link LiveTimeoutError} when no answer
   * comes in time, and {@link LiveClosedError} when the connection ends first.
   */
  request<T extends ServerMessage["type"]>(
    message: ClientRequest,
    expect: T,
    onAnswer?: (answer: Extract<ServerMessage, { type: T }>) => void,
  ): Promise<Extract<ServerMessage, { type: T }>>;
  request(message: ClientRequest, expect?: string, onAnswer?: (answer: ServerMessage) => void): Promise<ServerMessage>;
  /**
   * `onAnswer` runs synchronously when the answer arrives, before any later message is processed — the place to
   * register a mounted instance so a `patch` right behind its `mounted` is not missed. If it throws, the request
   * rejects with what it threw.
   */
  request(message: ClientRequest, expect?: string, onAnswer?: (answer: ServerMessage) => void): Promise<ServerMessage> {
    if (this.ended) return Promise.reject(new LiveClosedError("The connection is closed."));
    const id = String(this.nextId++);
    return new Promise<ServerMessage>((resolve, reject) => {
      const timeoutMs = this.options.requestTimeoutMs;
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new LiveTimeoutError(id, timeoutMs));
      }, timeoutMs);
      this.pending.set(id, {
        timer,
        reject,
        resolve: (answer) => {
          if (answer.type === "error") reject(new LiveError(answer.code, answer.message, id, answer.argument, answer.retryAfterMs));
          else if (expect !== undefined && answer.type !== expect) {
            reject(new LiveError("unexpected_answer", `Expected '${expect}' for request ${id}, got '${answer.type}'.`, id));
          } else {
            try {
              onAnswer?.(answer);
            } catch (error) {
              reject(error as Error);
              return;
            }
            resolve(answer);
          }
        },
      });
      this.send({ ...message, id });
    });
  }

  /**
   * Closes the connection. Pending requests fail with {@link LiveClosedError} at once; the promise resolves when
   * the socket has closed or after a short grace period, whichever is first.
   */
  async close(code = 1000, reason = ""): Promise<void> {
    if (this.ended) return;
    try {
      this.socket.close(code, reason);
    } catch (error) {
      this.options.logger.debug?.("live: socket.close threw", error);
    }
    this.end({ code, reason, byClient: true });
    let grace: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([this.closedSignal, new Promise<void>((resolve) => (grace = setTimeout(resolve, 1000)))]);
    clearTimeout(grace);
  }

  private send(message: object): void {
    if (this.socket.readyState !== OPEN) return; // The close event is on its way and will fail the request.
    this.socket.send(JSON.stringify(message));
    this.armHeartbeat();
  }

  /** (Re)starts the idle timer: the heartbeat fires only after `heartbeatIntervalMs` without sending. */
  private armHeartbeat(): void {
    if (this.options.heartbeatIntervalMs <= 0 || this.ended) return;
    clearTimeout(this.heartbeatTimer);
    this.heartbeatTimer = setTimeout(() => void this.heartbeat(), this.options.heartbeatIntervalMs);
  }

  private async heartbeat(): Promise<void> {
    try {
      await this.request({ type: "ping" }, "pong");
    } catch (error) {
      if (error instanceof LiveTimeoutError) {
        // A half-open TCP connection never reports a close; stop waiting for it and let the client reconnect.
        this.options.logger.warn?.("live: the server did not answer a ping in time; dropping the connection.");
        void this.close(CLOSE_HEARTBEAT_TIMEOUT, "heartbeat timeout");
      }
    }
  }

  private receive(data: unknown): void {
    if (typeof data !== "string") {
      this.options.logger.warn?.("live: ignoring a non-text frame from the server.");
      return;
    }
    let message: ServerMessage;
    try {
      message = JSON.parse(data) as ServerMessage;
    } catch {
      this.options.logger.warn?.("live: ignoring a frame that is not JSON.");
      return;
    }
    if (typeof message !== "object" || message === null || typeof message.type !== "string") {
      this.options.logger.warn?.("live: ignoring a frame without a string 'type'.");
      return;
    }
    const id = "id" in message ? message.id : undefined;
    const pending = typeof id === "string" ? this.pending.get(id) : undefined;
    if (pending !== undefined) {
      this.pending.delete(id!);
      clearTimeout(pending.timer);
      pending.resolve(message);
      return;
    }
    if (message.type === "error") {
      this.options.logger.error?.(`live: server error ${message.code}: ${message.message}`);
    }
    this.options.onMessage(message);
  }

  private end(info: CloseInfo): void {
    if (this.ended) return;
    this.ended = true;
    clearTimeout(this.heartbeatTimer);
    const error = new LiveClosedError(
      `The connection closed (${info.code}${info.reason ? ` ${info.reason}` : ""}) before the request was answered.`,
      info.code,
      info.reason,
    );
    for (const pending of this.pending.values()) {
      clearTimeout(pending.timer);
      pending.reject(error);
    }
    this.pending.clear();
    this.socket.onmessage = null;
    this.socket.onerror = ignore; // See Connection.open: an unheard `ws` error event would throw.
    this.options.onClose(info);
  }
}

function ignore(): void {}

/** Keeps access tokens out of error messages and logs. */
export function redact(url: string): string {
  return url.replace(/([?&]access_token=)[^&#]*/g, "$1…");
}
