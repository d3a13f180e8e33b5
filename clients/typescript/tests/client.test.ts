import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { LiveClient, LiveClosedError, LiveError, LiveTimeoutError } from "../src/index.js";
import { TodoList, type TodoListState } from "./fixtures/todo-list.js";
import { changed, nextError, nextStatus, recordStatuses, testOptions } from "./support/helpers.js";
import { WebSocket } from "ws";
import { useScriptedServer } from "./support/scripted-server.js";

const EMPTY: TodoListState = { todos: [], filter: "all" };
const MILK = { id: "1", text: "milk", done: false };

const live = useScriptedServer();

function newClient(options = testOptions()): LiveClient {
  return live.track(new LiveClient(live.server.url, options));
}

/** Mounts TodoList on a fresh client and returns everything a test needs. */
async function mounted(options = testOptions(), state: TodoListState = EMPTY) {
  const client = newClient(options);
  const mounting = client.mount(TodoList, { listId: "groceries" });
  const connection = await live.server.nextConnection();
  await connection.acceptMount("c_1", state);
  const todo = await mounting;
  return { client, connection, todo };
}

describe("connecting and mounting", () => {
  test("requests subprotocol live.v1, mounts with props and exposes the state", async () => {
    const client = newClient();
    const statuses = recordStatuses(client);
    const mounting = client.mount(TodoList, { listId: "groceries" });
    const connection = await live.server.nextConnection();
    const mount = await connection.acceptMount("c_1", { todos: [MILK], filter: "all" }, 7);
    const todo = await mounting;

    assert.deepEqual(live.server.offeredProtocols, [["live.v1"]]);
    assert.equal(mount["component"], "TodoList");
    assert.deepEqual(mount["props"], { listId: "groceries" });
    assert.equal(typeof mount.id, "string");
    assert.deepEqual(todo.state, { todos: [MILK], filter: "all" });
    assert.equal(todo.version, 7);
    assert.equal(todo.instance, "c_1");
    assert.equal(todo.readOnly, false);
    assert.deepEqual(statuses, ["connecting", "open"]);
    assert.equal(client.status, "open");
  });

  test("omits props when none are given", async () => {
    const client = newClient();
    const mounting = client.mount(TodoList);
    const connection = await live.server.nextConnection();
    const mount = await connection.acceptMount("c_1", EMPTY);
    await mounting;
    assert.equal("props" in mount, false);
  });

  test("sends the access token as the access_token query parameter, fetched on every connect", async () => {
    let calls = 0;
    const client = newClient(testOptions({ accessTokenFactory: async () => `tok en/${++calls}` }));
    void client.mount(TodoList);
    const first = await live.server.nextConnection();
    assert.equal(first.query.get("access_token"), "tok en/1");
    await first.acceptMount("c_1", EMPTY);
    first.close(1011, "boom");
    const second = await live.server.nextConnection();
    assert.equal(second.query.get("access_token"), "tok en/2");
  });

  test("keeps an existing query, converts http:// to ws:// and uses the WebSocket constructor it is given", async () => {
    const opened: string[] = [];
    class CountingWebSocket extends WebSocket {
      constructor(url: string, protocols?: string | string[]) {
        super(url, protocols);
        opened.push(url);
      }
    }
    const url = live.server.url.replace(/^ws:/, "http:") + "?tenant=a";
    const client = new LiveClient(url, testOptions({ WebSocket: CountingWebSocket, accessTokenFactory: () => "t" }));
    live.track(client);
    const connecting = client.connect();
    const connection = await live.server.nextConnection();
    await connecting;
    assert.equal(connection.query.get("tenant"), "a");
    assert.equal(connection.query.get("access_token"), "t");
    assert.deepEqual(opened, [live.server.url + "?tenant=a&access_token=t"]);
  });

  test("opening a connection that does not complete in connectTimeoutMs fails with LiveClosedError", async () => {
    // A TCP listener that accepts and never answers the upgrade.
    const { createServer } = await import("node:net");
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = silent.address() as import("node:net").AddressInfo;
      const client = new LiveClient(`ws://127.0.0.1:${port}/live`, testOptions({ connectTimeoutMs: 50, reconnect: false }));
      live.track(client);
      await assert.rejects(client.connect(), (e: unknown) => e instanceof LiveClosedError && /50 ms/.test(e.message));
      assert.equal(client.status, "closed");
    } finally {
      silent.close();
    }
  });

  test("a mount the server refuses rejects with LiveError", async () => {
    const client = newClient();
    const mounting = client.mount(TodoList);
    const connection = await live.server.nextConnection();
    const mount = await connection.expect("mount");
    connection.send({ type: "error", id: mount.id, code: "unknown_component", message: "No component 'TodoList'." });
    await assert.rejects(mounting, (e: unknown) => e instanceof LiveError && e.code === "unknown_component" && e.requestId === mount.id);
  });

  test("connecting fails when the server does not select live.v1", async () => {
    await live.restart({ selectProtocol: false });
    const client = newClient(testOptions({ reconnect: false }));
    await assert.rejects(client.mount(TodoList), LiveClosedError);
    assert.equal(client.status, "closed");
  });
});

describe("actions", () => {
  test("sends the action with its arguments and resolves with the typed result", async () => {
    const { connection, todo } = await mounted();
    const counting = todo.actions.count();
    const action = await connection.expect("action");
    assert.equal(action["instance"], "c_1");
    assert.equal(action["action"], "count");
    assert.equal("args" in action, false);
    connection.send({ type: "result", id: action.id, value: 42 });
    const count: number = await counting;
    assert.equal(count, 42);

    const adding = todo.actions.add({ text: "milk" });
    const add = await connection.expect("action");
    assert.deepEqual(add["args"], { text: "milk" });
    connection.send({ type: "result", id: add.id });
    assert.equal(await adding, undefined);
  });

  test("answers match requests by id, in any order", async () => {
    const { connection, todo } = await mounted();
    const first = todo.actions.count();
    const second = todo.actions.count();
    const a = await connection.expect("action");
    const b = await connection.expect("action");
    assert.notEqual(a.id, b.id);
    connection.send({ type: "result", id: b.id, value: 2 });
    connection.send({ type: "result", id: a.id, value: 1 });
    assert.deepEqual(await Promise.all([first, second]), [1, 2]);
  });

  test("an error answer rejects with LiveError carrying code, request id and argument", async () => {
    const { connection, todo } = await mounted();
    const adding = todo.actions.add({ text: "" });
    const action = await connection.expect("action");
    connection.send({ type: "error", id: action.id, code: "invalid_args", message: "Argument 'text' must not be empty.", argument: "text" });
    await assert.rejects(adding, (e: unknown) => {
      assert.ok(e instanceof LiveError);
      assert.equal(e.code, "invalid_args");
      assert.equal(e.requestId, action.id);
      assert.equal(e.argument, "text");
      assert.equal(e.message, "Argument 'text' must not be empty.");
      return true;
    });
  });

  test("a rate_limited answer carries retryAfterMs; a non-number one is dropped", async () => {
    const { connection, todo } = await mounted();
    const first = todo.actions.count();
    const a = await connection.expect("action");
    connection.send({ type: "error", id: a.id, code: "rate_limited", message: "retry after 1100 ms.", retryAfterMs: 1100 });
    await assert.rejects(first, (e: unknown) => e instanceof LiveError && e.code === "rate_limited" && e.retryAfterMs === 1100);
    const second = todo.actions.count();
    const b = await connection.expect("action");
    connection.send({ type: "error", id: b.id, code: "rate_limited", message: "hostile", retryAfterMs: "soon" });
    await assert.rejects(second, (e: unknown) => e instanceof LiveError && e.retryAfterMs === undefined);
  });

  test("a request without an answer rejects with LiveTimeoutError", async () => {
    // Long enough for the (answered) mount on a loaded machine; the action is never answered.
    const { connection, todo } = await mounted(testOptions({ requestTimeoutMs: 300 }));
    const counting = todo.actions.count();
    const action = await connection.expect("action");
    await assert.rejects(counting, (e: unknown) => e instanceof LiveTimeoutError && e.requestId === action.id && e.timeoutMs === 300);
  });

  test("the result resolves after the action's patch is applied", async () => {
    const { connection, todo } = await mounted();
    const adding = todo.actions.add({ text: "milk" });
    const action = await connection.expect("action");
    connection.sendBatch([
      { type: "patch", instance: "c_1", version: 1, ops: [{ op: "add", path: "/todos/-", value: MILK }] },
      { type: "result", id: action.id },
    ]);
    await adding;
    assert.deepEqual(todo.state.todos, [MILK]);
  });

  test("a result carrying ops applies them at the next version before it resolves, with the value", async () => {
    const { connection, todo } = await mounted();
    let notified = 0;
    todo.onChange(() => notified++);
    const adding = todo.actions.add({ text: "milk" });
    const action = await connection.expect("action");
    connection.send({ type: "result", id: action.id, ops: [{ op: "add", path: "/todos/-", value: MILK }], value: "1" });
    assert.equal(await adding, "1");
    assert.deepEqual(todo.state.todos, [MILK]);
    assert.equal(todo.version, 1, "the ops' version is implied: one more than the version held");
    assert.equal(notified, 1);
    assert.equal(connection.unread, 0, "no resync");
  });

  test("a result's version member, numeric or not, is ignored: the version is implied", async () => {
    const { connection, todo } = await mounted();
    const first = todo.actions.add({ text: "milk" });
    const a1 = await connection.expect("action");
    connection.send({ type: "result", id: a1.id, version: 7, ops: [{ op: "add", path: "/todos/-", value: MILK }] });
    await first;
    const second = todo.actions.add({ text: "eggs" });
    const a2 = await connection.expect("action");
    connection.send({ type: "result", id: a2.id, version: "x", ops: [{ op: "replace", path: "/filter", value: "active" }] });
    await second;
    assert.deepEqual(todo.state, { todos: [MILK], filter: "active" });
    assert.equal(todo.version, 2);
    assert.equal(connection.unread, 0, "no resync");
  });

  test("a result's ops arriving while a resync is pending are dropped: the state answer includes them", async () => {
    const { connection, todo } = await mounted();
    let resolved = false;
    const adding = todo.actions.add({ text: "milk" }).then(() => (resolved = true));
    const action = await connection.expect("action");
    connection.send({ type: "patch", instance: "c_1", version: 3, ops: [{ op: "replace", path: "/filter", value: "WRONG" }] });
    const resync = await connection.expect("resync");
    connection.send({ type: "result", id: action.id, ops: [{ op: "add", path: "/todos/-", value: { ...MILK, text: "DOUBLED" } }] });
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(resolved, false, "the result waits for the resync");
    assert.deepEqual(todo.state.todos, [], "the ops were not applied to the stale copy");
    connection.send({ type: "state", id: resync.id, instance: "c_1", version: 4, state: { todos: [MILK], filter: "active" } });
    await adding;
    assert.deepEqual(todo.state, { todos: [MILK], filter: "active" });
    assert.equal(todo.version, 4);
    assert.equal(connection.unread, 0, "one resync only");
  });

  test("a result whose ops are not an array resyncs instead of guessing", async () => {
    const { connection, todo } = await mounted();
    const adding = todo.actions.add({ text: "milk" });
    const action = await connection.expect("action");
    connection.send({ type: "result", id: action.id, ops: { op: "add", path: "/todos/-", value: MILK } });
    const resync = await connection.expect("resync");
    connection.send({ type: "state", id: resync.id, instance: "c_1", version: 1, state: { todos: [MILK], filter: "all" } });
    await adding;
    assert.deepEqual(todo.state.todos, [MILK]);
    assert.equal(todo.version, 1);
  });

  test("a result whose ops do not apply resyncs, and resolves only once the state is in", async () => {
    const { connection, todo } = await mounted();
    let resolved = false;
    const adding = todo.actions.add({ text: "milk" }).then(() => (resolved = true));
    const action = await connection.expect("action");
    connection.send({ type: "result", id: action.id, ops: [{ op: "replace", path: "/missing/0", value: 1 }] });
    const resync = await connection.expect("resync");
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(resolved, false, "the result waits for the resync");
    connection.send({ type: "state", id: resync.id, instance: "c_1", version: 1, state: { todos: [MILK], filter: "all" } });
    await adding;
    assert.deepEqual(todo.state.todos, [MILK]);
    assert.equal(todo.version, 1);
  });

  test("a patch arriving right behind a result with ops applies on top of it", async () => {
    const { connection, todo } = await mounted();
    const adding = todo.actions.add({ text: "milk" });
    const action = await connection.expect("action");
    const settled = changed(todo, () => todo.version === 2);
    connection.sendBatch([
      { type: "result", id: action.id, ops: [{ op: "add", path: "/todos/-", value: MILK }] },
      { type: "patch", instance: "c_1", version: 2, ops: [{ op: "replace", path: "/todos/0/done", value: true }] },
    ]);
    await adding;
    await settled;
    assert.deepEqual(todo.state.todos, [{ ...MILK, done: true }]);
    assert.equal(connection.unread, 0, "no resync");
  });
});

describe("patches and resync", () => {
  test("applies a patch immutably, bumps the version and notifies listeners", async () => {
    const { connection, todo } = await mounted();
    const before = todo.state;
    const changing = changed(todo);
    connection.send({ type: "patch", instance: "c_1", version: 1, ops: [{ op: "add", path: "/todos/-", value: MILK }] });
    const state = await changing;
    assert.deepEqual(state, { todos: [MILK], filter: "all" });
    assert.equal(todo.state, state);
    assert.notEqual(state, before);
    assert.deepEqual(before, EMPTY);
    assert.equal(todo.version, 1);
  });

  test("an unsubscribed listener is not called", async () => {
    const { connection, todo } = await mounted();
    let calls = 0;
    const off = todo.onChange(() => calls++);
    off();
    const changing = changed(todo);
    connection.send({ type: "patch", instance: "c_1", version: 1, ops: [{ op: "replace", path: "/filter", value: "done" }] });
    await changing;
    assert.equal(calls, 0);
  });

  test("`readOnly: true` in mounted marks the handle read-only; anything but true does not", async () => {
    const client = newClient();
    const watching = client.mount(TodoList);
    const hostile = client.mount(TodoList);
    const connection = await live.server.nextConnection();
    const first = await connection.expect("mount");
    const second = await connection.expect("mount");
    connection.send({ type: "mounted", id: first.id, instance: "c_1", component: "TodoList", version: 0, state: EMPTY, readOnly: true });
    connection.send({ type: "mounted", id: second.id, instance: "c_2", component: "TodoList", version: 0, state: EMPTY, readOnly: "yes" });
    assert.equal((await watching).readOnly, true);
    assert.equal((await hostile).readOnly, false);
  });

  test("a patch right behind `mounted` in the same read is applied, not lost", async () => {
    const client = newClient();
    const mounting = client.mount(TodoList);
    const connection = await live.server.nextConnection();
    const mount = await connection.expect("mount");
    connection.sendBatch([
      { type: "mounted", id: mount.id, instance: "c_1", component: "TodoList", version: 0, state: EMPTY },
      { type: "patch", instance: "c_1", version: 1, ops: [{ op: "replace", path: "/filter", value: "done" }] },
    ]);
    const todo = await mounting;
    if (todo.version === 0) await changed(todo); // Only if the frames were split across reads after all.
    assert.equal(todo.state.filter, "done");
    assert.equal(todo.version, 1);
    assert.equal(connection.unread, 0, "no resync was needed");
  });

  test("a version gap sends resync, replaces the state, drops stale patches and applies later ones in order", async () => {
    const { connection, todo } = await mounted();
    const before = todo.state;
    // Version 1 was lost; 2 must not be applied.
    connection.send({ type: "patch", instance: "c_1", version: 2, ops: [{ op: "replace", path: "/filter", value: "WRONG" }] });
    const resync = await connection.expect("resync");
    assert.equal(resync["instance"], "c_1");
    assert.equal(todo.state, before, "the gapped patch was not applied");

    // Arrive before the answer: 3 is covered by the state (dropped), 5 then 4 come out of order.
    connection.send({ type: "patch", instance: "c_1", version: 3, ops: [{ op: "replace", path: "/filter", value: "WRONG" }] });
    connection.send({ type: "patch", instance: "c_1", version: 5, ops: [{ op: "replace", path: "/todos/0/done", value: true }] });
    connection.send({ type: "patch", instance: "c_1", version: 4, ops: [{ op: "add", path: "/todos/-", value: MILK }] });
    const settled = changed(todo, () => todo.version === 5);
    connection.send({ type: "state", id: resync.id, instance: "c_1", version: 3, state: { todos: [], filter: "active" } });
    await settled;
    assert.deepEqual(todo.state, { todos: [{ ...MILK, done: true }], filter: "active" });
    assert.equal(connection.unread, 0, "no second resync");
  });

  test("a patch that does not apply to the local copy triggers a resync", async () => {
    const { connection, todo } = await mounted();
    connection.send({ type: "patch", instance: "c_1", version: 1, ops: [{ op: "remove", path: "/todos/0" }] });
    const resync = await connection.expect("resync");
    const replaced = changed(todo);
    connection.send({ type: "state", id: resync.id, instance: "c_1", version: 1, state: { todos: [MILK], filter: "all" } });
    await replaced;
    assert.deepEqual(todo.state.todos, [MILK]);
    assert.equal(todo.version, 1);
  });

  test("frames that are not JSON objects with a type are ignored and the connection keeps working", async () => {
    const { connection, todo } = await mounted();
    connection.socket.send("not json");
    connection.socket.send("[1,2]");
    connection.socket.send(JSON.stringify({ no: "type" }));
    connection.socket.send(Buffer.from([1, 2, 3]));
    const changing = changed(todo);
    connection.send({ type: "patch", instance: "c_1", version: 1, ops: [{ op: "replace", path: "/filter", value: "ok" }] });
    assert.equal((await changing).filter, "ok");
  });

  test("an action whose patch started a resync resolves only after the resync's state is in", async () => {
    const { connection, todo } = await mounted();
    let resolved = false;
    const adding = todo.actions.add({ text: "milk" }).then(() => (resolved = true));
    const action = await connection.expect("action");
    connection.sendBatch([
      { type: "patch", instance: "c_1", version: 2, ops: [{ op: "add", path: "/todos/-", value: MILK }] },
      { type: "result", id: action.id },
    ]);
    const resync = await connection.expect("resync");
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(resolved, false, "the result waits for the resync");
    connection.send({ type: "state", id: resync.id, instance: "c_1", version: 2, state: { todos: [MILK], filter: "all" } });
    await adding;
    assert.deepEqual(todo.state.todos, [MILK]);
  });

  test("a refused resync is reported through onError and the next patch tries again", async () => {
    const { connection, todo } = await mounted();
    const failing = nextError(todo);
    connection.send({ type: "patch", instance: "c_1", version: 5, ops: [] });
    const first = await connection.expect("resync");
    connection.send({ type: "error", id: first.id, code: "internal_error", message: "try later" });
    const error = await failing;
    assert.ok(error instanceof LiveError && error.code === "internal_error");
    connection.send({ type: "patch", instance: "c_1", version: 6, ops: [] });
    await connection.expect("resync");
  });

  test("patches for another instance are ignored", async () => {
    const { connection, todo } = await mounted();
    connection.send({ type: "patch", instance: "c_other", version: 1, ops: [{ op: "replace", path: "/filter", value: "x" }] });
    const changing = changed(todo);
    connection.send({ type: "patch", instance: "c_1", version: 1, ops: [{ op: "replace", path: "/filter", value: "mine" }] });
    await changing;
    assert.equal(todo.state.filter, "mine");
  });
});

describe("unmount", () => {
  test("sends unmount, stops applying patches and refuses further actions", async () => {
    const { connection, todo } = await mounted();
    const unmounting = todo.unmount();
    const unmount = await connection.expect("unmount");
    assert.equal(unmount["instance"], "c_1");
    connection.send({ type: "unmounted", id: unmount.id, instance: "c_1" });
    await unmounting;
    assert.equal(todo.isMounted, false);
    await assert.rejects(todo.actions.count(), (e: unknown) => e instanceof LiveError && e.code === "not_mounted");
  });
});

describe("heartbeat", () => {
  test("pings after the idle interval and keeps going while answered", async () => {
    const { connection } = await mounted(testOptions({ heartbeatIntervalMs: 20 }));
    for (let i = 0; i < 2; i++) {
      const ping = await connection.expect("ping");
      connection.send({ type: "pong", id: ping.id });
    }
  });

  test("a ping without a pong drops the connection and reconnects", async () => {
    const { client, connection } = await mounted(testOptions({ heartbeatIntervalMs: 20, requestTimeoutMs: 300 }));
    const reconnecting = nextStatus(client, "reconnecting");
    await connection.expect("ping");
    const event = await reconnecting;
    assert.equal(event.closeCode, 4100);
    assert.equal((await connection.closed).code, 4100);
    await (await live.server.nextConnection()).expect("mount");
  });
});

describe("reconnect", () => {
  test("after a server close: reconnecting, re-mount with the same props, state replaced, open", async () => {
    const { client, connection, todo } = await mounted();
    const statuses = recordStatuses(client);
    const pending = todo.actions.count();
    await connection.expect("action");
    const reconnecting = nextStatus(client, "reconnecting");
    connection.close(4001, "too slow");

    const event = await reconnecting;
    assert.equal(event.closeCode, 4001);
    assert.equal(event.closeReason, "too slow");
    await assert.rejects(pending, (e: unknown) => e instanceof LiveClosedError && e.code === 4001 && e.reason === "too slow");

    const opened = nextStatus(client, "open");
    const second = await live.server.nextConnection();
    const mount = await second.acceptMount("c_2", { todos: [MILK], filter: "all" }, 3);
    assert.deepEqual(mount["props"], { listId: "groceries" });
    await opened;
    assert.deepEqual(statuses, ["reconnecting", "open"]);
    assert.equal(todo.instance, "c_2");
    assert.equal(todo.version, 3);
    assert.deepEqual(todo.state.todos, [MILK]);

    // The handle keeps working on the new connection.
    const changing = changed(todo);
    second.send({ type: "patch", instance: "c_2", version: 4, ops: [{ op: "replace", path: "/filter", value: "done" }] });
    await changing;
    assert.equal(todo.state.filter, "done");
    const counting = todo.actions.count();
    const action = await second.expect("action");
    assert.equal(action["instance"], "c_2");
    second.send({ type: "result", id: action.id, value: 1 });
    assert.equal(await counting, 1);
  });

  test("re-mounts every held component but not unmounted ones", async () => {
    const { client, connection } = await mounted();
    const mountingB = client.mount(TodoList, { listId: "b" });
    await connection.acceptMount("c_b", EMPTY);
    const b = await mountingB;
    const mountingC = client.mount(TodoList, { listId: "c" });
    await connection.acceptMount("c_c", EMPTY);
    const c = await mountingC;
    const unmounting = c.unmount();
    const unmount = await connection.expect("unmount");
    connection.send({ type: "unmounted", id: unmount.id, instance: "c_c" });
    await unmounting;

    connection.close(1001, "going away");
    const second = await live.server.nextConnection();
    const opened = nextStatus(client, "open");
    const first = await second.acceptMount("c_1b", EMPTY);
    const other = await second.acceptMount("c_bb", EMPTY);
    await opened;
    assert.deepEqual([first["props"], other["props"]].map((p) => (p as { listId: string }).listId).sort(), ["b", "groceries"]);
    assert.equal(second.unread, 0);
    assert.ok(["c_1b", "c_bb"].includes(b.instance));
  });

  test("a component unmounted while reconnecting is not re-mounted", async () => {
    const { client, connection } = await mounted();
    const mountingB = client.mount(TodoList, { listId: "b" });
    await connection.acceptMount("c_b", EMPTY);
    const b = await mountingB;
    const reconnecting = nextStatus(client, "reconnecting");
    connection.close(1011, "unexpected");
    await reconnecting;
    await b.unmount(); // No connection: nothing to send, and it must not come back.
    const opened = nextStatus(client, "open");
    const second = await live.server.nextConnection();
    const mount = await second.acceptMount("c_2", EMPTY);
    await opened;
    assert.deepEqual(mount["props"], { listId: "groceries" });
    assert.equal(second.unread, 0);
    assert.equal(b.isMounted, false);
  });

  test("actions called while reconnecting are sent once the component is back", async () => {
    const { client, connection, todo } = await mounted();
    const reconnecting = nextStatus(client, "reconnecting");
    connection.close(1011, "unexpected");
    await reconnecting;
    const counting = todo.actions.count();
    const second = await live.server.nextConnection();
    await second.acceptMount("c_2", EMPTY);
    const action = await second.expect("action");
    assert.equal(action["instance"], "c_2");
    second.send({ type: "result", id: action.id, value: 5 });
    assert.equal(await counting, 5);
  });

  test("a component the server refuses to re-mount is detached and reports the error", async () => {
    const { client, connection, todo } = await mounted();
    const failed = nextError(todo);
    connection.close(1001, "deploy");
    const second = await live.server.nextConnection();
    const mount = await second.expect("mount");
    const opened = nextStatus(client, "open");
    second.send({ type: "error", id: mount.id, code: "unknown_component", message: "gone" });
    const error = await failed;
    await opened;
    assert.ok(error instanceof LiveError && error.code === "unknown_component");
    assert.equal(todo.isMounted, false);
  });

  test("gives up after maxAttempts: closed, components detached", async () => {
    const { client, todo } = await mounted(testOptions({ reconnect: { initialDelayMs: 1, maxDelayMs: 2, maxAttempts: 2 } }));
    const closed = nextStatus(client, "closed");
    await live.server.close(); // Terminates the socket and refuses further connections.
    const event = await closed;
    assert.ok(event.error instanceof LiveClosedError);
    assert.match(event.error.message, /after 2 attempt/);
    assert.equal(todo.isMounted, false);
    await live.restart(); // For afterEach.
  });

  test("with reconnect off, a server close means closed with its code", async () => {
    const { client, connection, todo } = await mounted(testOptions({ reconnect: false }));
    const closed = nextStatus(client, "closed");
    connection.close(4000, "idle");
    const event = await closed;
    assert.equal(event.closeCode, 4000);
    assert.equal(event.closeReason, "idle");
    assert.equal(todo.isMounted, false);
  });

  test("close codes are reported to the logger", async () => {
    const warnings: string[] = [];
    const { client, connection } = await mounted(testOptions({ logger: { warn: (m) => warnings.push(m) } }));
    const reconnecting = nextStatus(client, "reconnecting");
    connection.close(4000, "idle");
    await reconnecting;
    assert.ok(warnings.some((w) => w.includes("4000") && w.includes("idle")), warnings.join("\n"));
  });
});

describe("close", () => {
  test("close() reports closed, closes with 1000, fails pending requests and does not reconnect", async () => {
    const { client, connection, todo } = await mounted();
    const statuses = recordStatuses(client);
    const pending = assert.rejects(todo.actions.count(), LiveClosedError);
    await connection.expect("action");
    await client.close();
    await pending;
    assert.deepEqual(statuses, ["closed"]);
    assert.equal((await connection.closed).code, 1000);
    await assert.rejects(client.mount(TodoList), LiveClosedError);
    assert.equal(live.server.all.length, 1, "no second connection was opened");
    assert.equal(todo.isMounted, false);
  });
});
