// Runs against a real Live server when LIVE_SERVER_URL is set, e.g.
//   LIVE_SERVER_URL=ws://127.0.0.1:5000/live npm run test:integration
// The server must register the TodoList component of the sample (tests/fixtures/todo-list.ts mirrors its binding).
// Without the variable these tests are skipped; the scripted server covers the client's own flows.
import assert from "node:assert/strict";
import { afterEach, describe, test } from "node:test";
import { defineComponent, LiveClient, LiveError } from "../../src/index.js";
import { TodoList } from "../fixtures/todo-list.js";
import { changed } from "../support/helpers.js";

const url = process.env["LIVE_SERVER_URL"];
const token = process.env["LIVE_ACCESS_TOKEN"];

describe("against a real Live server", { skip: url ? false : "set LIVE_SERVER_URL to run" }, () => {
  const clients: LiveClient[] = [];
  const connect = () => {
    const client = new LiveClient(url!, { requestTimeoutMs: 10_000, ...(token ? { accessTokenFactory: () => token } : {}) });
    clients.push(client);
    return client;
  };

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
  });

  test("mounts TodoList and an action's patch arrives before its result", async () => {
    const todo = await connect().mount(TodoList, { listId: `it-${Date.now()}` });
    assert.ok(Array.isArray(todo.state.todos));
    const before = todo.state.todos.length;
    const text = `milk ${Math.random()}`;
    await todo.actions.add({ text });
    assert.equal(todo.state.todos.length, before + 1);
    assert.ok(todo.state.todos.some((t) => t.text === text));
  });

  test("a wrong argument type answers invalid_args naming the argument", async () => {
    const todo = await connect().mount(TodoList);
    const add = todo.actions.add as unknown as (args: object) => Promise<void>;
    await assert.rejects(add({ text: 42 }), (e: unknown) => e instanceof LiveError && e.code === "invalid_args" && e.argument === "text");
  });

  test("an unknown action answers unknown_action", async () => {
    const Fake = defineComponent<object, { nope: { args: {}; result: void } }>("TodoList", ["nope"]);
    const fake = await connect().mount(Fake);
    await assert.rejects(fake.actions.nope(), (e: unknown) => e instanceof LiveError && e.code === "unknown_action");
  });

  test("an unknown component answers unknown_component", async () => {
    const Missing = defineComponent<object>("NoSuchComponent", []);
    await assert.rejects(connect().mount(Missing), (e: unknown) => e instanceof LiveError && e.code === "unknown_component");
  });

  test("a change made by one client reaches another client of the same list", async () => {
    const listId = `shared-${Date.now()}`;
    const a = await connect().mount(TodoList, { listId });
    const b = await connect().mount(TodoList, { listId });
    const text = `eggs ${Math.random()}`;
    const seen = changed(b, (s) => s.todos.some((t) => t.text === text), 5000);
    await a.actions.add({ text });
    await seen;
  });
});
