// An in-memory WebSocket for tests that drive time with mock timers: the test opens, feeds and drops it by hand.
import type { WebSocketLike } from "../../src/index.js";

export class FakeSocket implements WebSocketLike {
  static instances: FakeSocket[] = [];
  readyState = 0;
  protocol = "";
  onopen: WebSocketLike["onopen"] = null;
  onclose: WebSocketLike["onclose"] = null;
  onerror: WebSocketLike["onerror"] = null;
  onmessage: WebSocketLike["onmessage"] = null;
  readonly sent: { type: string; id?: string; [member: string]: unknown }[] = [];
  readonly closeCalls: { code: number | undefined; reason: string | undefined }[] = [];

  constructor(
    readonly url: string,
    readonly protocols?: string | string[],
  ) {
    FakeSocket.instances.push(this);
  }

  static get last(): FakeSocket {
    const socket = FakeSocket.instances.at(-1);
    if (socket === undefined) throw new Error("No socket was created.");
    return socket;
  }

  send(data: string): void {
    this.sent.push(JSON.parse(data));
  }

  close(code?: number, reason?: string): void {
    this.closeCalls.push({ code, reason });
    this.readyState = 2;
  }

  /** The server accepts the upgrade. */
  open(protocol = "live.v1"): void {
    this.readyState = 1;
    this.protocol = protocol;
    this.onopen?.({});
  }

  /** The server sends a message. */
  receive(message: object): void {
    this.onmessage?.({ data: JSON.stringify(message) });
  }

  /** The connection ends (as seen by the client). */
  drop(code = 1006, reason = ""): void {
    this.readyState = 3;
    this.onclose?.({ code, reason });
  }

  sentOfType(type: string): FakeSocket["sent"] {
    return this.sent.filter((m) => m.type === type);
  }
}

/** Lets pending promise continuations run (setImmediate is not faked by `mock.timers`). */
export function flush(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
