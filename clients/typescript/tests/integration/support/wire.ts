// A WebSocket for LiveClient's `WebSocket` option that records every frame and can drop incoming ones.
import { WebSocket as NodeWebSocket } from "ws";
import type { ServerMessage, WebSocketConstructor, WebSocketLike } from "../../../src/index.js";

type Message = { readonly type: string; readonly [member: string]: unknown };

/** What crossed the wire, across every socket the client opened. */
export interface Wire {
  readonly sent: Message[];
  readonly received: Message[];
  readonly dropped: Message[];
  /** Pass as `options.WebSocket`. */
  readonly WebSocket: WebSocketConstructor;
  /** The frames of one type the client sent / received. */
  sentOf(type: string): Message[];
  receivedOf<T extends ServerMessage["type"]>(type: T): Extract<ServerMessage, { type: T }>[];
  /** Resolves with the first received message (already or later) for which `predicate` holds. */
  waitFor(predicate: (message: Message) => boolean, what: string, timeoutMs?: number): Promise<Message>;
  /** While held, sockets the client opens stay connecting (no reconnect can succeed) until `release()`. */
  hold(): void;
  release(): void;
}

/**
 * @param drop Decides, for each incoming message, whether the client never sees it (the test's way of losing a
 * frame in transit). Dropped messages are recorded in `dropped`, not in `received`.
 */
export function tapWire(drop: (message: Message) => boolean = () => false): Wire {
  const sent: Message[] = [];
  const received: Message[] = [];
  const dropped: Message[] = [];
  const watchers = new Set<(message: Message) => void>();
  let gate: { promise: Promise<void>; open: () => void } | undefined;

  class TappedWebSocket implements WebSocketLike {
    onopen: ((event: unknown) => void) | null = null;
    onclose: ((event: { readonly code: number; readonly reason: string }) => void) | null = null;
    onerror: ((event: unknown) => void) | null = null;
    onmessage: ((event: { readonly data: unknown }) => void) | null = null;
    private inner!: NodeWebSocket;
    private closedEarly = false;

    constructor(url: string, protocols?: string | string[]) {
      if (gate === undefined) this.connect(url, protocols);
      else void gate.promise.then(() => (this.closedEarly ? this.onclose?.({ code: 1006, reason: "" }) : this.connect(url, protocols)));
    }

    private connect(url: string, protocols?: string | string[]): void {
      this.inner = new NodeWebSocket(url, protocols);
      this.inner.onopen = (event) => this.onopen?.(event);
      this.inner.onclose = (event) => this.onclose?.({ code: event.code, reason: event.reason });
      // Always listened to: `ws` throws an error event nobody hears.
      this.inner.onerror = (event) => this.onerror?.(event);
      this.inner.onmessage = (event) => {
        const text = String(event.data);
        const message = JSON.parse(text) as Message;
        if (drop(message)) {
          dropped.push(message);
          return;
        }
        received.push(message);
        this.onmessage?.({ data: text });
        for (const watcher of [...watchers]) watcher(message);
      };
    }

    get readyState(): number {
      return this.inner?.readyState ?? (this.closedEarly ? 3 : 0);
    }

    get protocol(): string {
      return this.inner?.protocol ?? "";
    }

    send(data: string): void {
      sent.push(JSON.parse(data) as Message);
      this.inner.send(data);
    }

    close(code?: number, reason?: string): void {
      if (this.inner === undefined) this.closedEarly = true;
      else this.inner.close(code, reason);
    }
  }

  return {
    sent,
    received,
    dropped,
    WebSocket: TappedWebSocket,
    sentOf: (type) => sent.filter((m) => m.type === type),
    receivedOf: <T extends ServerMessage["type"]>(type: T) =>
      received.filter((m) => m.type === type) as unknown as Extract<ServerMessage, { type: T }>[],
    waitFor(predicate, what, timeoutMs = 10_000) {
      const seen = received.find(predicate);
      if (seen !== undefined) return Promise.resolve(seen);
      return new Promise<Message>((resolve, reject) => {
        const timer = setTimeout(() => {
          watchers.delete(watch);
          reject(new Error(`Timed out waiting for ${what}.`));
        }, timeoutMs);
        const watch = (message: Message) => {
          if (!predicate(message)) return;
          clearTimeout(timer);
          watchers.delete(watch);
          resolve(message);
        };
        watchers.add(watch);
      });
    },
    hold() {
      if (gate !== undefined) return;
      let open!: () => void;
      const promise = new Promise<void>((resolve) => (open = resolve));
      gate = { promise, open };
    },
    release() {
      gate?.open();
      gate = undefined;
    },
  };
}
