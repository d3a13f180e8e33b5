// Reconnecting after the server closes the connection: components come back (resumed, or re-mounted with their props).
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { LiveClosedError } from "../../src/index.js";
import { nextStatus, recordStatuses } from "../support/helpers.js";
import { Counter, SharedList, Stall } from "./support/bindings.js";
import { useTestServer } from "./support/fixture.js";
import { tapWire } from "./support/wire.js";

const live = useTestServer();

describe("reconnect", () => {
  test("after the server aborts the connection the client reconnects and re-mounts its components", async () => {
    const wire = tapWire();
    const client = live.client({ WebSocket: wire.WebSocket });
    const counter = await client.mount(Counter, { start: 5, label: "kept" });
    const list = await client.mount(SharedList);
    await counter.actions.add({ amount: 10 });
    const itemId = await list.actions.add({ text: "survives" });
    const before = { counter: counter.instance, list: list.instance };
    const statuses = recordStatuses(client);
    const reconnecting = nextStatus(client, "reconnecting");
    const open = nextStatus(client, "open", 10_000);

    assert.ok((await live.server.closeAllConnections()) >= 1);

    const dropped = await reconnecting;
    assert.equal(dropped.closeCode, 1006);
    await open;
    assert.deepEqual(statuses, ["reconnecting", "open"]);
    // The server kept the per-connection counter after the drop: it is resumed (same instance, same state); the
    // singleton is simply mounted again.
    assert.equal(wire.sentOf("resume").length, 1, "the counter was resumed");
    assert.equal(wire.sentOf("mount").length, 3, "only the singleton was mounted again");
    assert.deepEqual(wire.sentOf("mount").slice(2).map((m) => m["props"]), [undefined]);
    assert.equal(counter.instance, before.counter);
    assert.deepEqual(counter.state, { count: 15, label: "kept" });
    // The singleton outlived the connection: same state, as the server holds it.
    const fresh = await live.client().mount(SharedList);
    assert.deepEqual(list.state, fresh.state);
    assert.ok(list.state.items.some((i) => i.id === itemId));
    // And both work on the new connection.
    assert.equal(await counter.actions.add({ amount: 1 }), 16);
    assert.equal(await list.actions.toggle({ id: itemId }), true);
    assert.equal(list.state.items.find((i) => i.id === itemId)?.done, true);
  });

  test("across a server restart on the same port: pending requests fail, new ones wait, components come back", async () => {
    const client = live.client();
    const counter = await client.mount(Counter, { start: 100 });
    const stall = await client.mount(Stall);
    await counter.actions.increment();
    const instance = counter.instance;
    const statuses = recordStatuses(client);
    const reconnecting = nextStatus(client, "reconnecting");
    const pending = stall.actions.waitForeverAsync();
    // Sent before the stop: it is in progress on the server when the server goes away.
    const inProgress = assert.rejects(pending, (error: unknown) => {
      assert.ok(error instanceof LiveClosedError, `expected a LiveClosedError, got ${String(error)}`);
      assert.equal(error.code, 1001);
      return true;
    });

    await live.stopServer();
    assert.equal((await reconnecting).closeCode, 1001, "graceful shutdown closes with 'going away'");
    await inProgress;
    const open = nextStatus(client, "open", 20_000);
    const queued = counter.actions.add({ amount: 1 }); // waits for the new connection
    await live.startAgain();
    await open;

    assert.equal(await queued, 101, "re-mounted with its props (start 100) on the new server, then the queued action ran");
    assert.notEqual(counter.instance, instance);
    assert.deepEqual(counter.state, { count: 101, label: "counter" });
    assert.equal(statuses[0], "reconnecting");
    assert.equal(statuses.at(-1), "open");
    assert.equal(stall.isMounted, true);
    assert.equal(await stall.actions.enter(), 1);
  });
});
