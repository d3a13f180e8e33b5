import assert from "node:assert/strict";
import { afterEach, beforeEach, describe, test } from "node:test";
import { LiveClient, LiveClosedError } from "../src/index.js";
import { TodoList, type TodoListState } from "./fixtures/todo-list.js";
import { testOptions } from "./support/helpers.js";
import { ScriptedServer } from "./support/scripted-server.js";

const EMPTY: TodoListState = { todos: [], filter: "all" };

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

async function mounted() {
  const client = new LiveClient(server.url, testOptions({ reconnect: false }));
  clients.push(client);
  const mounting = client.mount(TodoList, { listId: "groceries" });
  const connection = await server.nextConnection();
  await connection.acceptMount("c_1", EMPTY);
  await mounting;
  return { client, connection };
}

describe("refresh", () => {
  test("sends the token in a refresh request and resolves with the new expiry", async () => {
    const { client, connection } = await mounted();
    const refreshing = client.refresh("fresh.jwt");
    const request = await connection.expect("refresh");
    assert.equal(request["token"], "fresh.jwt");
    assert.equal(typeof request.id, "string");
    connection.send({ type: "refreshed", id: request.id, expiresAt: "2030-01-02T03:04:05Z" });
    const expiresAt = await refreshing;
    assert.equal(expiresAt?.toISOString(), "2030-01-02T03:04:05.000Z");
  });

  test("resolves with undefined when the new authentication has no expiry", async () => {
    const { client, connection } = await mounted();
    const refreshing = client.refresh("t");
    const request = await connection.expect("refresh");
    connection.send({ type: "refreshed", id: request.id });
    assert.equal(await refreshing, undefined);
  });

  test("rejects with LiveClosedError carrying 4401 when the server refuses the token", async () => {
    const { client, connection } = await mounted();
    const refreshing = client.refresh("stolen");
    await connection.expect("refresh");
    connection.close(4401, "Refresh refused: the token is for another user; reconnect to switch.");
    await assert.rejects(refreshing, (e: unknown) => e instanceof LiveClosedError);
  });
});
