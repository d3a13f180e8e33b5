// Reconnect order resume → rehydrate → mount, tokens and their storage, against a scripted server.
import assert from "node:assert/strict";
import { afterEach, beforeEach, describe, test } from "node:test";
import { LiveClient, LiveError, type LiveClientOptions, type RestoreEvent, type RestoreKind } from "../src/index.js";
import { tokenKey } from "../src/tokens.js";
import { TodoList, type TodoListState } from "./fixtures/todo-list.js";
import { changed, nextStatus, testOptions } from "./support/helpers.js";
import { ScriptedServer, type ScriptedConnection } from "./support/scripted-server.js";
import { TestStorage } from "./support/storage.js";

const EMPTY: TodoListState = { todos: [], filter: "all" };
const MILK = { id: "1", text: "milk", done: false };
const PROPS = { listId: "groceries" };
const KEY = tokenKey("TodoList", PROPS);
const setFilter = (version: number, filter: string, instance = "c_1") => ({
  type: "patch",
  instance,
  version,
  ops: [{ op: "replace", path: "/filter", value: filter }],
});

let server: ScriptedServer;
let clients: LiveClient[];

beforeEach(async () => {
  server = await ScriptedServer.start();
  clients = [];
});

afterEach(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await server.close();
});

function newClient(options: LiveClientOptions = {}): LiveClient {
  const client = new LiveClient(server.url, testOptions(options));
  clients.push(client);
  return client;
}

/** Answers the next `mount` (or `rehydrate`) with a `mounted` carrying a token and a resume secret. */
async function acceptWithCredentials(
  connection: ScriptedConnection,
  instance: string,
  options: { version?: number; state?: unknown; token?: string; resume?: string; type?: "mount" | "rehydrate" } = {},
) {
  const { version = 0, state = EMPTY, token = `tok-${instance}-${version}`, resume = `sec-${instance}`, type = "mount" } = options;
  const request = await connection.expect(type);
  connection.send({
    type: "mounted",
    id: request.id,
    instance,
    component: request["component"],
    version,
    state,
    token,
    resume,
    ...(type === "rehydrate" ? { rehydrated: true } : {}),
  });
  return request;
}

/** A client with TodoList mounted with a token and a resume secret, and a recorder of its restore events. */
async function mountedWithCredentials(options: LiveClientOptions = {}) {
  const storage = new TestStorage();
  const client = newClient({ tokenStorage: storage, ...options });
  const clientEvents: [RestoreKind, RestoreEvent][] = [];
  client.onRestore((kind, event) => clientEvents.push([kind, event]));
  const mounting = client.mount(TodoList, PROPS);
  const connection = await server.nextConnection();
  await acceptWithCredentials(connection, "c_1");
  const todo = await mounting;
  const events: RestoreEvent[] = [];
  todo.onRestore((_kind, event) => events.push(event));
  return { client, connection, todo, storage, events, clientEvents };
}

/** Processes everything the server sent before: a patch sent last has been applied once this resolves. */
async function settle(connection: ScriptedConnection, todo: { onChange(l: () => void): () => void }, version: number, filter: string) {
  const applied = changed(todo as never);
  connection.send(setFilter(version, filter));
  await applied;
}

describe("tokens", () => {
  test("the token and secret of `mounted` are kept, and each newer `token` message replaces the token", async () => {
    const { connection, todo, storage, clientEvents } = await mountedWithCredentials();
    assert.equal(todo.restoredBy, "mounted");
    assert.deepEqual(clientEvents.map(([kind]) => kind), ["mounted"]);
    assert.equal(storage.token(KEY), "tok-c_1-0");
    connection.send({ type: "token", instance: "c_1", version: 3, token: "tok-3" });
    await settle(connection, todo, 1, "active");
    assert.equal(storage.token(KEY), "tok-3");
    assert.equal(storage.version(KEY), 3);
  });

  test("an older token arriving after a newer one, a token for another instance and malformed ones are ignored", async () => {
    const { client, connection, todo, storage } = await mountedWithCredentials();
    connection.send({ type: "token", instance: "c_1", version: 5, token: "tok-5" });
    connection.send({ type: "token", instance: "c_1", version: 4, token: "tok-4" });
    connection.send({ type: "token", instance: "c_other", version: 9, token: "tok-other" });
    connection.send({ type: "token", instance: "c_1", version: "6", token: "tok-bad-version" });
    connection.send({ type: "token", instance: "c_1", version: 7, token: "" });
    connection.send({ type: "token", instance: "c_1", version: 8 });
    await settle(connection, todo, 1, "active");
    assert.equal(storage.token(KEY), "tok-5");

    // The token a reconnect rehydrates with is the newest one too.
    connection.close(1011, "boom");
    const second = await server.nextConnection();
    const resume = await second.expect("resume");
    second.send({ type: "error", id: resume.id, code: "resume_failed", message: "no" });
    const rehydrate = await acceptWithCredentials(second, "c_2", { type: "rehydrate", version: 5 });
    assert.equal(rehydrate["token"], "tok-5");
    await nextStatus(client, "open");
  });

  test("unmount forgets the stored token", async () => {
    const { connection, todo, storage } = await mountedWithCredentials();
    const unmounting = todo.unmount();
    const unmount = await connection.expect("unmount");
    connection.send({ type: "unmounted", id: unmount.id, instance: "c_1" });
    await unmounting;
    assert.equal(storage.items.has(KEY), false);
  });

  test("the storage key is the component and its props, whatever the order of their members", () => {
    assert.equal(tokenKey("TodoList", { b: 1, a: { d: 2, c: [3, { f: 4, e: 5 }] } }), tokenKey("TodoList", { a: { c: [3, { e: 5, f: 4 }], d: 2 }, b: 1 }));
    assert.notEqual(tokenKey("TodoList", { listId: "a" }), tokenKey("TodoList", { listId: "b" }));
    assert.notEqual(tokenKey("TodoList", undefined), tokenKey("TodoView", undefined));
  });
});

describe("reconnect: resume", () => {
  test("resume with the secret and version: replayed patches are applied, the handle stays the same", async () => {
    const { client, connection, todo, events, clientEvents } = await mountedWithCredentials();
    await settle(connection, todo, 1, "active");
    const seen: string[] = [];
    todo.onChange((state) => seen.push(state.filter));
    connection.drop();

    const second = await server.nextConnection();
    const resume = await second.expect("resume");
    assert.deepEqual({ ...resume, id: undefined }, { type: "resume", id: undefined, instance: "c_1", resume: "sec-c_1", version: 1 });
    const opened = nextStatus(client, "open");
    second.send(setFilter(2, "completed"));
    second.send({ type: "patch", instance: "c_1", version: 3, ops: [{ op: "add", path: "/todos/-", value: MILK }] });
    second.send({ type: "resumed", id: resume.id, instance: "c_1", version: 3, resume: "sec-2", token: "tok-3" });
    await opened;

    assert.equal(todo.instance, "c_1");
    assert.equal(todo.version, 3);
    assert.deepEqual(todo.state, { todos: [MILK], filter: "completed" });
    assert.deepEqual(seen, ["completed"], "the replay reaches listeners as one change");
    assert.equal(todo.restoredBy, "resumed");
    assert.deepEqual(events.map((e) => [e.kind, e.instance, e.previousInstance, e.failures.length]), [["resumed", "c_1", "c_1", 0]]);
    assert.deepEqual(clientEvents.map(([kind]) => kind), ["mounted", "resumed"]);

    // Patches after `resumed` apply as usual, actions go to the same instance, and the next drop uses the new secret.
    await settle(second, todo, 4, "all");
    const counting = todo.actions.count();
    const action = await second.expect("action");
    assert.equal(action["instance"], "c_1");
    second.send({ type: "result", id: action.id, value: 1 });
    assert.equal(await counting, 1);
    second.drop();
    const third = await server.nextConnection();
    const again = await third.expect("resume");
    assert.equal(again["resume"], "sec-2");
    assert.equal(again["version"], 4);
  });

  test("a `resumed` with the full state replaces the copy", async () => {
    const { client, connection, todo } = await mountedWithCredentials();
    connection.drop();
    const second = await server.nextConnection();
    const resume = await second.expect("resume");
    const opened = nextStatus(client, "open");
    second.send({ type: "resumed", id: resume.id, instance: "c_1", version: 40, resume: "sec-2", token: "t", state: { todos: [MILK], filter: "active" } });
    await opened;
    assert.equal(todo.version, 40);
    assert.deepEqual(todo.state, { todos: [MILK], filter: "active" });
    assert.equal(todo.restoredBy, "resumed");
  });

  test("a replay with a gap fetches the full state with resync on the new connection", async () => {
    const { client, connection, todo } = await mountedWithCredentials();
    connection.drop();
    const second = await server.nextConnection();
    const resume = await second.expect("resume");
    const opened = nextStatus(client, "open");
    second.send(setFilter(1, "active"));
    second.send(setFilter(3, "WRONG")); // 2 is missing
    second.send({ type: "resumed", id: resume.id, instance: "c_1", version: 3, resume: "sec-2" });
    const resync = await second.expect("resync");
    assert.equal(resync["instance"], "c_1");
    assert.equal(todo.version, 0, "nothing of the broken replay was applied");
    second.send(setFilter(4, "completed")); // Live again while the resync is answered: held, then applied.
    second.send({ type: "state", id: resync.id, instance: "c_1", version: 3, state: { todos: [], filter: "active" } });
    await opened;
    if (todo.version < 4) await changed(todo, () => todo.version === 4);
    assert.equal(todo.state.filter, "completed");
    assert.equal(todo.restoredBy, "resumed");
    // The rotated secret from the `resumed` answer is the one kept.
    second.drop();
    const third = await server.nextConnection();
    assert.equal((await third.expect("resume"))["resume"], "sec-2");
  });

  test("a connection lost during resume starts over and resumes again with the same secret", async () => {
    const { client, connection } = await mountedWithCredentials();
    connection.drop();
    const second = await server.nextConnection();
    await second.expect("resume");
    second.drop();
    const third = await server.nextConnection();
    const resume = await third.expect("resume");
    assert.equal(resume["resume"], "sec-c_1");
    const opened = nextStatus(client, "open");
    third.send({ type: "resumed", id: resume.id, instance: "c_1", version: 0, resume: "sec-3" });
    await opened;
  });
});

describe("reconnect: fallbacks", () => {
  test("an onRestore listener that throws is logged; the other listeners and the client carry on", async () => {
    const errors: string[] = [];
    const { client, connection, todo, events } = await mountedWithCredentials({ logger: { error: (m) => errors.push(m) } });
    todo.onRestore(() => {
      throw new Error("listener bug");
    });
    client.onRestore(() => {
      throw new Error("listener bug");
    });
    connection.drop();
    const second = await server.nextConnection();
    const resume = await second.expect("resume");
    const opened = nextStatus(client, "open");
    second.send({ type: "resumed", id: resume.id, instance: "c_1", version: 0, resume: "s" });
    await opened;
    assert.equal(events.length, 1);
    assert.equal(errors.filter((e) => e.includes("onRestore listener threw")).length, 2);
  });

  test("a component unmounted while it is being resumed is not brought back", async () => {
    const { client, connection, todo } = await mountedWithCredentials();
    connection.drop();
    const second = await server.nextConnection();
    const resume = await second.expect("resume");
    await todo.unmount();
    const opened = nextStatus(client, "open");
    second.send({ type: "resumed", id: resume.id, instance: "c_1", version: 0, resume: "s" });
    const unmount = await second.expect("unmount");
    assert.equal(unmount["instance"], "c_1", "the resumed instance is released on the server");
    await opened;
    assert.equal(todo.isMounted, false);
    second.send(setFilter(1, "active"));
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(todo.version, 0, "its patches are not applied");
  });

  test("resume_failed → rehydrate with the token and props: a new instance, reported with the failed resume", async () => {
    const { client, connection, todo, events } = await mountedWithCredentials();
    connection.send({ type: "token", instance: "c_1", version: 2, token: "tok-2" });
    await settle(connection, todo, 1, "active");
    await settle(connection, todo, 2, "completed");
    connection.close(1001, "going away");

    const second = await server.nextConnection();
    const resume = await second.expect("resume");
    second.send({ type: "error", id: resume.id, code: "resume_failed", message: "The instance cannot be resumed." });
    const rehydrate = await acceptWithCredentials(second, "c_9", { type: "rehydrate", version: 2, state: { todos: [], filter: "completed" } });
    assert.deepEqual({ ...rehydrate, id: undefined }, { type: "rehydrate", id: undefined, component: "TodoList", token: "tok-2", props: PROPS });
    await nextStatus(client, "open");

    assert.equal(todo.instance, "c_9");
    assert.equal(todo.version, 2);
    assert.equal(todo.state.filter, "completed");
    assert.equal(todo.restoredBy, "rehydrated");
    assert.equal(events.length, 1);
    assert.equal(events[0]!.kind, "rehydrated");
    assert.equal(events[0]!.previousInstance, "c_1");
    assert.deepEqual(events[0]!.failures.map((f) => [f.step, (f.error as LiveError).code]), [["resume", "resume_failed"]]);
    // The new instance's patches are applied.
    const applied = changed(todo);
    second.send(setFilter(3, "all", "c_9"));
    await applied;
    assert.equal(todo.version, 3);
  });

  test("a refused token falls back to mount; both failures are reported and the rejected token is dropped", async () => {
    const { client, connection, todo, events, storage } = await mountedWithCredentials();
    connection.close(1001, "going away");
    const second = await server.nextConnection();
    const resume = await second.expect("resume");
    second.send({ type: "error", id: resume.id, code: "resume_failed", message: "no" });
    const rehydrate = await second.expect("rehydrate");
    second.send({ type: "error", id: rehydrate.id, code: "token_expired", message: "The token is too old." });
    const mount = await acceptWithCredentials(second, "c_3", { token: "", resume: "" });
    assert.deepEqual(mount["props"], PROPS);
    await nextStatus(client, "open");
    assert.equal(todo.restoredBy, "mounted");
    assert.deepEqual(events[0]!.failures.map((f) => f.step), ["resume", "rehydrate"]);
    assert.equal(storage.items.has(KEY), false, "the mount had no token, so none is stored");

    // Without a secret or token the next reconnect goes straight to mount.
    second.drop();
    const third = await server.nextConnection();
    await third.acceptMount("c_4", EMPTY);
  });

  test("a `resumed` naming another instance counts as a failed resume", async () => {
    const { client, connection, events } = await mountedWithCredentials();
    connection.drop();
    const second = await server.nextConnection();
    const resume = await second.expect("resume");
    second.send({ type: "resumed", id: resume.id, instance: "c_other", version: 0, resume: "x" });
    await acceptWithCredentials(second, "c_2", { type: "rehydrate" });
    await nextStatus(client, "open");
    assert.equal((events[0]!.failures[0]!.error as LiveError).code, "unexpected_answer");
  });

  test("components restore independently: one resumes, one rehydrates, a singleton mounts", async () => {
    const { client, connection, todo, storage } = await mountedWithCredentials();
    const mountingB = client.mount(TodoList, { listId: "b" });
    await acceptWithCredentials(connection, "c_b", { resume: "" }); // a token but no secret
    const b = await mountingB;
    const mountingS = client.mount(TodoList, { listId: "shared" });
    await connection.acceptMount("s_1", EMPTY); // a singleton: neither
    const shared = await mountingS;
    assert.equal(storage.items.has(tokenKey("TodoList", { listId: "shared" })), false);

    connection.drop();
    const second = await server.nextConnection();
    const opened = nextStatus(client, "open");
    const requests = [await second.next(), await second.next(), await second.next()];
    const byType = Object.fromEntries(requests.map((r) => [r.type, r]));
    assert.deepEqual(Object.keys(byType).sort(), ["mount", "rehydrate", "resume"]);
    second.send({ type: "resumed", id: byType["resume"]!.id, instance: "c_1", version: 0, resume: "s2" });
    second.send({ type: "mounted", id: byType["rehydrate"]!.id, instance: "c_b2", component: "TodoList", version: 0, state: EMPTY, rehydrated: true });
    second.send({ type: "mounted", id: byType["mount"]!.id, instance: "s_1", component: "TodoList", version: 7, state: EMPTY });
    await opened;
    assert.deepEqual([todo.restoredBy, b.restoredBy, shared.restoredBy], ["resumed", "rehydrated", "mounted"]);
    assert.deepEqual([todo.instance, b.instance, shared.instance], ["c_1", "c_b2", "s_1"]);
  });

  test('with tokenStorage "none" nothing is kept and a failed resume falls straight back to mount', async () => {
    const client = newClient({ tokenStorage: "none" });
    const mounting = client.mount(TodoList, PROPS);
    const connection = await server.nextConnection();
    await acceptWithCredentials(connection, "c_1");
    const todo = await mounting;
    connection.send({ type: "token", instance: "c_1", version: 1, token: "tok-1" });
    await settle(connection, todo, 1, "active");
    connection.drop();
    const second = await server.nextConnection();
    const resume = await second.expect("resume");
    second.send({ type: "error", id: resume.id, code: "resume_failed", message: "no" });
    await second.acceptMount("c_2", EMPTY);
    await nextStatus(client, "open");
    assert.equal(todo.restoredBy, "mounted");
  });
});

describe("mount after a reload: stored tokens", () => {
  test("a stored token is rehydrated first, with the props; the handle reports rehydrated", async () => {
    const storage = new TestStorage();
    storage.putToken(KEY, "tok-from-last-page");
    const client = newClient({ tokenStorage: storage });
    const events: RestoreKind[] = [];
    client.onRestore((kind) => events.push(kind));
    const mounting = client.mount(TodoList, PROPS);
    const connection = await server.nextConnection();
    const rehydrate = await acceptWithCredentials(connection, "c_5", { type: "rehydrate", version: 12, state: { todos: [MILK], filter: "active" }, token: "tok-new" });
    const todo = await mounting;
    assert.equal(rehydrate["token"], "tok-from-last-page");
    assert.deepEqual(rehydrate["props"], PROPS);
    assert.equal(todo.restoredBy, "rehydrated");
    assert.equal(todo.version, 12);
    assert.deepEqual(todo.state, { todos: [MILK], filter: "active" });
    assert.deepEqual(events, ["rehydrated"]);
    assert.equal(storage.token(KEY), "tok-new");
  });

  test("a refused stored token falls back to mount, is reported and replaced", async () => {
    const storage = new TestStorage();
    storage.putToken(KEY, "tok-replayed");
    const warnings: string[] = [];
    const client = newClient({ tokenStorage: storage, logger: { warn: (m) => warnings.push(m) } });
    const events: RestoreEvent[] = [];
    client.onRestore((_kind, event) => events.push(event));
    const mounting = client.mount(TodoList, PROPS);
    const connection = await server.nextConnection();
    const rehydrate = await connection.expect("rehydrate");
    connection.send({ type: "error", id: rehydrate.id, code: "token_replayed", message: "The token was used before." });
    await acceptWithCredentials(connection, "c_6", { token: "tok-fresh" });
    const todo = await mounting;
    assert.equal(todo.restoredBy, "mounted");
    assert.deepEqual(events.map((e) => [e.kind, e.failures.map((f) => (f.error as LiveError).code)]), [["mounted", ["token_replayed"]]]);
    assert.ok(warnings.some((w) => w.includes("token_replayed")), warnings.join("\n"));
    assert.equal(storage.token(KEY), "tok-fresh");
  });

  test("another component's or other props' tokens are not used", async () => {
    const storage = new TestStorage();
    storage.putToken(tokenKey("TodoList", { listId: "other" }), "tok-other-props");
    storage.putToken(tokenKey("TodoView", PROPS), "tok-other-component");
    const client = newClient({ tokenStorage: storage });
    const mounting = client.mount(TodoList, PROPS);
    const connection = await server.nextConnection();
    await connection.acceptMount("c_1", EMPTY);
    assert.equal((await mounting).restoredBy, "mounted");
  });

  test("a corrupted stored value is removed and the component mounts afresh", async () => {
    for (const corrupted of ["not json", "null", '{"v":1}', '{"v":2,"token":"t"}', '{"v":1,"token":42}', '{"v":1,"token":""}', "[]"]) {
      const storage = new TestStorage();
      storage.items.set(KEY, corrupted);
      const warnings: string[] = [];
      const client = newClient({ tokenStorage: storage, logger: { warn: (m) => warnings.push(m) } });
      const mounting = client.mount(TodoList, PROPS);
      const connection = await server.nextConnection();
      await connection.acceptMount("c_1", EMPTY);
      await mounting;
      assert.equal(storage.items.has(KEY), false, corrupted);
      assert.ok(warnings.some((w) => w.includes("corrupted")), corrupted);
      await client.close();
    }
  });

  test("storage that throws on reads mounts afresh; on writes (quota) the token still serves a reconnect", async () => {
    const storage = new TestStorage();
    storage.putToken(KEY, "unreadable");
    storage.failReads = true;
    storage.failWrites = true;
    const warnings: string[] = [];
    const client = newClient({ tokenStorage: storage, logger: { warn: (m) => warnings.push(m) } });
    const mounting = client.mount(TodoList, PROPS);
    const connection = await server.nextConnection();
    await acceptWithCredentials(connection, "c_1", { resume: "" });
    const todo = await mounting;
    connection.send({ type: "token", instance: "c_1", version: 1, token: "tok-1" });
    await settle(connection, todo, 1, "active");
    assert.equal(storage.writes, 0);
    assert.equal(storage.items.has(KEY), false, "a stale token is not left behind when a newer one cannot be written");
    assert.equal(warnings.filter((w) => w.includes("could not store")).length, 1, "warned once, not per token");

    connection.drop();
    const second = await server.nextConnection();
    const rehydrate = await acceptWithCredentials(second, "c_2", { type: "rehydrate", version: 1 });
    assert.equal(rehydrate["token"], "tok-1");
    await nextStatus(client, "open");
  });

  test("an invalid tokenStorage value is refused at construction", () => {
    assert.throws(() => new LiveClient("ws://127.0.0.1:1/live", { tokenStorage: "local" as never }), TypeError);
    assert.throws(() => new LiveClient("ws://127.0.0.1:1/live", { tokenStorage: { getItem: () => null } as never }), TypeError);
  });
});
