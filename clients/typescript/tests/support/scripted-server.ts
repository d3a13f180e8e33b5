// A WebSocket server on 127.0.0.1 that a test scripts message by message: it speaks only what the test tells it to.
import assert from "node:assert/strict";
import type { IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { WebSocketServer, type WebSocket } from "ws";

export type Message = { readonly type: string; readonly id?: string; readonly [member: string]: unknown };

/** An unbounded queue whose `take()` waits for the next item. */
class AsyncQueue<T> {
  private readonly items: T[] = [];
  private readonly takers: ((item: T) => void)[] = [];

  push(item: T): void {
    const taker = this.takers.shift();
    if (taker) taker(item);
    else this.items.push(item);
  }

  take(what: string, timeoutMs = 5000): Promise<T> {
    const item = this.items.shift();
    if (item !== undefined) return Promise.resolve(item);
    return new Promise<T>((resolve, reject) => {
      // A safety net so a broken client fails the test with a message instead of hanging it.
      const timer = setTimeout(() => {
        this.takers.splice(this.takers.indexOf(taker), 1);
        reject(new Error(`Timed out waiting for ${what}.`));
      }, timeoutMs);
      const taker = (value: T) => {
        clearTimeout(timer);
        resolve(value);
      };
      this.takers.push(taker);
    });
  }

  get size(): number {
    return this.items.length;
  }
}

export class ScriptedConnection {
  private readonly messages = new AsyncQueue<Message>();
  /** Resolves with the close code and reason when the socket closes (from either side). */
  readonly closed: Promise<{ code: number; reason: string }>;

  constructor(
    readonly socket: WebSocket,
    readonly request: IncomingMessage,
  ) {
    socket.on("message", (data, isBinary) => {
      assert.equal(isBinary, false, "the client must send text frames");
      this.messages.push(JSON.parse(data.toString()) as Message);
    });
    this.closed = new Promise((resolve) => socket.on("close", (code, reason) => resolve({ code, reason: reason.toString() })));
  }

  /** The query parameters of the upgrade request. */
  get query(): URLSearchParams {
    return new URL(this.request.url ?? "/", "http://localhost").searchParams;
  }

  /** The next message the client sent, whatever its type. */
  next(): Promise<Message> {
    return this.messages.take("the next client message");
  }

  /** The next message the client sent, asserting its type. */
  async expect(type: string): Promise<Message> {
    const message = await this.messages.take(`a '${type}' message`);
    assert.equal(message.type, type, `expected a '${type}' message, got ${JSON.stringify(message)}`);
    return message;
  }

  /** Messages received but not yet taken. */
  get unread(): number {
    return this.messages.size;
  }

  send(message: object): void {
    this.socket.send(JSON.stringify(message));
  }

  /** Sends several messages in one write so the client receives them back to back, in one tick. */
  sendBatch(messages: object[]): void {
    // `ws` has no cork of its own; corking its TCP socket makes the frames leave in one write.
    const tcp = (this.socket as unknown as { _socket: { cork(): void; uncork(): void } })._socket;
    tcp.cork();
    for (const message of messages) this.send(message);
    tcp.uncork();
  }

  close(code: number, reason: string): void {
    this.socket.close(code, reason);
  }

  /** Drops the TCP connection without a close frame: the client sees 1006, as after a network cut. */
  drop(): void {
    this.socket.terminate();
  }

  /** Answers the next `mount` with `mounted` and returns the mount request. */
  async acceptMount(instance: string, state: unknown, version = 0): Promise<Message> {
    const mount = await this.expect("mount");
    this.send({ type: "mounted", id: mount.id, instance, component: mount["component"], version, state });
    return mount;
  }
}

export interface ScriptedServerOptions {
  /** Whether to select `live.v1` during the handshake (default true). */
  readonly selectProtocol?: boolean;
}

export class ScriptedServer {
  private readonly connections = new AsyncQueue<ScriptedConnection>();
  readonly all: ScriptedConnection[] = [];
  /** Subprotocols offered in each upgrade request, in order. */
  readonly offeredProtocols: string[][] = [];

  private constructor(private readonly server: WebSocketServer) {
    server.on("connection", (socket, request) => {
      const connection = new ScriptedConnection(socket, request);
      this.all.push(connection);
      this.connections.push(connection);
    });
  }

  static start(options: ScriptedServerOptions = {}): Promise<ScriptedServer> {
    return new Promise((resolve, reject) => {
      const server = new WebSocketServer({
        host: "127.0.0.1",
        port: 0,
        handleProtocols: (protocols) => {
          scripted.offeredProtocols.push([...protocols]);
          return options.selectProtocol === false ? false : protocols.has("live.v1") ? "live.v1" : false;
        },
      });
      const scripted = new ScriptedServer(server);
      server.once("listening", () => resolve(scripted));
      server.once("error", reject);
    });
  }

  get url(): string {
    const { port } = this.server.address() as AddressInfo;
    return `ws://127.0.0.1:${port}/live`;
  }

  /** The next connection a client opens. */
  nextConnection(): Promise<ScriptedConnection> {
    return this.connections.take("a client connection");
  }

  /** Terminates every connection and stops listening. */
  close(): Promise<void> {
    for (const connection of this.all) connection.socket.terminate();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
