// Heartbeat, timeouts and backoff, driven by mock timers over an in-memory socket: exact times, no real waiting.
import assert from "node:assert/strict";
import { afterEach, beforeEach, describe, mock, test } from "node:test";
import { Connection, type CloseInfo } from "../src/connection.js";
import { LiveClient, LiveClosedError, LiveError, LiveTimeoutError } from "../src/index.js";
import { FakeSocket, flush } from "./support/fake-socket.js";
import { TodoList } from "./fixtures/todo-list.js";

beforeEach(() => {
  FakeSocket.instances = [];
  mock.timers.enable({ apis: ["setTimeout"] });
});

afterEach(() => {
  mock.timers.reset();
});

async function openConnection(overrides: { heartbeatIntervalMs?: number; requestTimeoutMs?: number } = {}) {
  const closes: CloseInfo[] = [];
  const opening = Connection.open({
    url: "ws://test/live",
    WebSocket: FakeSocket,
    connectTimeoutMs: 5_000,
    requestTimeoutMs: overrides.requestTimeoutMs ?? 30_000,
    heartbeatIntervalMs: overrides.heartbeatIntervalMs ?? 10_000,
    logger: {},
    onMessage: () => undefined,
    onClose: (info) => closes.push(info),
  });
  const socket = FakeSocket.last;
  socket.open();
  return { connection: await opening, socket, closes };
}

describe("heartbeat", () => {
  test("pings only after the interval without sending anything", async () => {
    const { connection, socket } = await openConnection();
    mock.timers.tick(9_999);
    assert.equal(socket.sentOfType("ping").length, 0);
    mock.timers.tick(1);
    const [ping] = socket.sentOfType("ping");
    assert.ok(ping);
    socket.receive({ type: "pong", id: ping.id });

    // Sending anything restarts the idle interval.
    mock.timers.tick(6_000);
    void connection.request({ type: "resync", instance: "c_1" }, "state").catch(() => undefined);
    mock.timers.tick(9_999);
    assert.equal(socket.sentOfType("ping").length, 1);
    mock.timers.tick(1);
    assert.equal(socket.sentOfType("ping").length, 2);
  });

  test("a ping unanswered within the request timeout closes the connection with 4100", async () => {
    const { socket, closes } = await openConnection({ requestTimeoutMs: 3_000 });
    mock.timers.tick(10_000);
    assert.equal(socket.sentOfType("ping").length, 1);
    mock.timers.tick(2_999);
    assert.deepEqual(closes, []);
    mock.timers.tick(1);
    await flush();
    assert.deepEqual(socket.closeCalls, [{ code: 4100, reason: "heartbeat timeout" }]);
    assert.deepEqual(closes, [{ code: 4100, reason: "heartbeat timeout", byClient: true }]);
  });

  test("the client's default heartbeat interval is 10 s", async () => {
    const client = new LiveClient("ws://test/live", { WebSocket: FakeSocket });
    const connecting = client.connect();
    await flush();
    FakeSocket.last.open();
    await connecting;
    mock.timers.tick(9_999);
    assert.equal(FakeSocket.last.sentOfType("ping").length, 0);
    mock.timers.tick(1);
    assert.equal(FakeSocket.last.sentOfType("ping").length, 1);
    const closing = client.close();
    FakeSocket.last.drop(1000);
    await closing;
  });
});

describe("requests", () => {
  test("time out after requestTimeoutMs with LiveTimeoutError", async () => {
    const { connection, socket } = await openConnection({ requestTimeoutMs: 1_000 });
    const pending = connection.request({ type: "resync", instance: "c_1" }, "state");
    const outcome = assert.rejects(pending, (e: unknown) => e instanceof LiveTimeoutError && e.requestId === socket.sent[0]!.id);
    mock.timers.tick(1_000);
    await outcome;
  });

  test("fail with LiveClosedError carrying the close code and reason when the connection drops", async () => {
    const { connection, socket } = await openConnection();
    const pending = connection.request({ type: "resync", instance: "c_1" }, "state");
    const outcome = assert.rejects(pending, (e: unknown) => e instanceof LiveClosedError && e.code === 4001 && e.reason === "too slow");
    socket.drop(4001, "too slow");
    await outcome;
  });

  test("an answer of the wrong type rejects with unexpected_answer", async () => {
    const { connection, socket } = await openConnection();
    const pending = connection.request({ type: "resync", instance: "c_1" }, "state");
    socket.receive({ type: "result", id: socket.sent[0]!.id, value: 1 });
    await assert.rejects(pending, (e: unknown) => e instanceof LiveError && e.code === "unexpected_answer");
  });

  test("request ids are unique among pending requests", async () => {
    const { connection, socket } = await openConnection();
    for (let i = 0; i < 100; i++) void connection.request({ type: "resync", instance: "c" }, "state").catch(() => undefined);
    assert.equal(new Set(socket.sent.map((m) => m.id)).size, 100);
    socket.drop();
  });
});

describe("backoff", () => {
  test("reconnect attempts wait the jittered, doubling delay and stop after maxAttempts", async () => {
    const client = new LiveClient("ws://test/live", {
      WebSocket: FakeSocket,
      heartbeatIntervalMs: 0,
      random: () => 0.5,
      reconnect: { initialDelayMs: 1_000, maxDelayMs: 1_500, maxAttempts: 3 },
    });
    const statuses: string[] = [];
    client.onStatus((s) => statuses.push(s));
    const mounting = client.mount(TodoList);
    await flush();
    FakeSocket.last.open();
    await flush();
    const mount = FakeSocket.last.sentOfType("mount")[0]!;
    FakeSocket.last.receive({ type: "mounted", id: mount.id, instance: "c_1", component: "TodoList", version: 0, state: { todos: [], filter: "all" } });
    const todo = await mounting;

    FakeSocket.last.drop(1001, "going away");
    // Attempt 1 after 0.5 × 1000 ms; attempt 2 after 0.5 × 1500 (capped); attempt 3 likewise.
    for (const delay of [500, 750, 750]) {
      const sockets = FakeSocket.instances.length;
      mock.timers.tick(delay - 1);
      await flush();
      assert.equal(FakeSocket.instances.length, sockets, `no attempt before ${delay} ms`);
      mock.timers.tick(1);
      await flush();
      assert.equal(FakeSocket.instances.length, sockets + 1, `an attempt at ${delay} ms`);
      FakeSocket.last.drop(1006); // The attempt fails.
      await flush();
    }
    assert.deepEqual(statuses, ["connecting", "open", "reconnecting", "closed"]);
    assert.equal(todo.isMounted, false);
  });
});
