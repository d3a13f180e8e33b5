// Reconnects that lose nothing, against the real server: resume after a drop, rehydrate after a restart or a reload,
// and the fallbacks when the server refuses.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { LiveError, type RestoreEvent } from "../../src/index.js";
import { nextStatus } from "../support/helpers.js";
import { TestStorage } from "../support/storage.js";
import { Counter, Inbox } from "./support/bindings.js";
import { useTestServer } from "./support/fixture.js";
import { tapWire, type Wire } from "./support/wire.js";

const live = useTestServer();

/** Resolves with the handle's next restore event. */
function nextRestore(handle: { onRestore(listener: (kind: string, event: RestoreEvent) => void): () => void }): Promise<RestoreEvent> {
  return new Promise((resolve) => {
    const off = handle.onRestore((_kind, event) => {
      off();
      resolve(event);
    });
  });
}

/** Waits until the client has received a token covering `version` (the server throttles tokens). */
function tokenCovering(wire: Wire, instance: string, version: number) {
  return wire.waitFor((m) => m.type === "token" && m["instance"] === instance && (m["version"] as number) >= version, `a token for version ${version}`);
}

const codes = (event: RestoreEvent) => event.failures.map((f) => [f.step, f.error instanceof LiveError ? f.error.code : f.error.name]);

describe("resume", () => {
  test("after a server-side drop the live instance comes back with the change made while the client was away", async () => {
    const wire = tapWire();
    const client = live.client({ WebSocket: wire.WebSocket, tokenStorage: "memory" });
    const inbox = await client.mount(Inbox);
    await inbox.actions.post({ text: "before" });
    const instance = inbox.instance;
    const restored = nextRestore(inbox);

    wire.hold(); // The client cannot reconnect until the other client has posted.
    const reconnecting = nextStatus(client, "reconnecting");
    assert.ok((await live.server.closeAllConnections()) >= 1);
    assert.equal((await reconnecting).closeCode, 1006);
    const other = await live.client().mount(Inbox);
    assert.ok((await other.actions.post({ text: "during the gap" })) >= 2, "the kept instance received it too");
    wire.release();

    const event = await restored;
    assert.equal(event.kind, "resumed");
    assert.deepEqual(event.failures, []);
    assert.equal(inbox.instance, instance);
    assert.equal(inbox.restoredBy, "resumed");
    assert.deepEqual(inbox.state.messages, ["before", "during the gap"]);
    assert.equal(wire.sentOf("rehydrate").length + wire.sentOf("mount").length, 1, "only the first mount: no fallback");
    const [resumed] = wire.receivedOf("resumed");
    assert.ok(resumed !== undefined && !("state" in resumed), "the missed change came as a replayed patch, not a full state");
    // The handle keeps working on the new connection.
    await inbox.actions.post({ text: "after" });
    assert.deepEqual(inbox.state.messages.slice(-1), ["after"]);
  });
});

describe("rehydrate", () => {
  test("a page reload rehydrates from the stored token; the same token a second time is refused and mounts afresh", async () => {
    const wire = tapWire();
    const storage = new TestStorage();
    const page = live.client({ WebSocket: wire.WebSocket, tokenStorage: storage });
    const counter = await page.mount(Counter, { start: 1, label: "reloaded" });
    await counter.actions.add({ amount: 41 });
    await tokenCovering(wire, counter.instance, counter.version);
    const copy = new TestStorage();
    for (const [key, value] of storage.items) copy.items.set(key, value);
    await page.close();

    const reloaded = live.client({ tokenStorage: storage });
    const again = await reloaded.mount(Counter, { start: 1, label: "reloaded" });
    assert.equal(again.restoredBy, "rehydrated");
    assert.deepEqual(again.state, { count: 42, label: "reloaded" });
    assert.equal(await again.actions.add({ amount: 1 }), 43);

    // A copy of the old storage (a duplicated tab) presents the used token again.
    const duplicate = live.client({ tokenStorage: copy });
    const events: RestoreEvent[] = [];
    duplicate.onRestore((_kind, event) => events.push(event));
    const fresh = await duplicate.mount(Counter, { start: 1, label: "reloaded" });
    assert.equal(fresh.restoredBy, "mounted");
    assert.deepEqual(fresh.state, { count: 1, label: "reloaded" });
    assert.deepEqual(codes(events[0]!), [["rehydrate", "token_replayed"]]);
  });

  test("after a restart with the same key the component is rehydrated in a new instance and keeps working", async () => {
    const wire = tapWire();
    const client = live.client({ WebSocket: wire.WebSocket, tokenStorage: "memory" });
    const counter = await client.mount(Counter, { start: 5 });
    await counter.actions.add({ amount: 10 });
    await counter.actions.rename({ label: "survivor" });
    await tokenCovering(wire, counter.instance, counter.version);
    const instance = counter.instance;
    const restored = nextRestore(counter);

    await live.stopServer();
    await live.startAgain();

    const event = await restored;
    assert.equal(event.kind, "rehydrated");
    assert.deepEqual(codes(event), [["resume", "resume_failed"]], "the new process does not know the old instance");
    assert.notEqual(counter.instance, instance);
    assert.deepEqual(counter.state, { count: 15, label: "survivor" });
    assert.equal(await counter.actions.add({ amount: 1 }), 16);
  });

  test("after a restart with another key the token is refused and the component mounts afresh", async () => {
    const wire = tapWire();
    const client = live.client({ WebSocket: wire.WebSocket, tokenStorage: "memory" });
    const counter = await client.mount(Counter, { start: 7 });
    await counter.actions.add({ amount: 3 });
    await tokenCovering(wire, counter.instance, counter.version);
    const restored = nextRestore(counter);

    await live.stopServer();
    await live.startAgain(["--Live:Signing:Keys:0:Id", "other", "--Live:Signing:Keys:0:Secret", Buffer.alloc(32, 7).toString("base64")]);

    const event = await restored;
    assert.equal(event.kind, "mounted");
    assert.deepEqual(codes(event), [
      ["resume", "resume_failed"],
      ["rehydrate", "token_unknown_key"],
    ]);
    assert.deepEqual(counter.state, { count: 7, label: "counter" });
    assert.equal(await counter.actions.add({ amount: 1 }), 8);
  });
});
