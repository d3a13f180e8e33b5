// Patches applied by the client equal the server's state; a lost patch is healed by resync.
import assert from "node:assert/strict";
import { beforeEach, describe, test } from "node:test";
import type { ActionsOf, ComponentHandle } from "../../src/index.js";
import { changed } from "../support/helpers.js";
import { SharedList, type SharedListState } from "./support/bindings.js";
import { useTestServer } from "./support/fixture.js";
import { tapWire } from "./support/wire.js";

const live = useTestServer();

type ListHandle = ComponentHandle<SharedListState, ActionsOf<typeof SharedList>>;

/** The server's current state, as a client that mounts now sees it. */
async function serverState(): Promise<{ state: SharedListState; version: number }> {
  const fresh = await live.client().mount(SharedList);
  return { state: fresh.state as SharedListState, version: fresh.version };
}

/** Waits until `handle` has caught up with `version` (patches to other connections may still be in flight). */
async function caughtUp(handle: ListHandle, version: number): Promise<void> {
  if (handle.version < version) await changed(handle, () => handle.version >= version, 5000);
}

/** A small deterministic PRNG (mulberry32), so a failing sequence can be replayed from its seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

beforeEach(async () => {
  const list = await live.client().mount(SharedList);
  await list.actions.clear();
});

describe("a singleton shared by two clients", () => {
  test("a change made by one client reaches the other", async () => {
    const a = await live.client().mount(SharedList);
    const b = await live.client().mount(SharedList);
    const seen = changed(b, (s) => s.items.some((i) => i.text === "milk"));

    const id = await a.actions.add({ text: "milk" });

    assert.deepEqual((await seen).items, [{ id, text: "milk", done: false }]);
    assert.equal(b.version, a.version);
  });
});

describe("patches", () => {
  test("after 200 random operations both clients' patched state equals the server's, without any resync", async () => {
    const seed = Number(process.env["LIVE_TEST_SEED"] ?? Date.now() % 1_000_000);
    const random = prng(seed);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const wireA = tapWire();
    const wireB = tapWire();
    const a = await live.client({ WebSocket: wireA.WebSocket }).mount(SharedList);
    const b = await live.client({ WebSocket: wireB.WebSocket }).mount(SharedList);
    const keys = ["plain", "a/b", "c~d", "~1", "/", ""];
    const texts = ["milk", "eggs", "tea", "a/b", "~0", "ünïcödé", "quote\"s", ""];

    for (let step = 0; step < 200; step++) {
      const items = a.state.items;
      const roll = random();
      const actions = a.actions;
      if (items.length < 3 || roll < 0.3) {
        await actions.add({ text: pick(texts), ...(random() < 0.5 ? { index: Math.floor(random() * (items.length + 1)) } : {}) });
      } else if (roll < 0.45) {
        await actions.toggle({ id: pick(items).id });
      } else if (roll < 0.6) {
        await actions.remove({ id: pick(items).id });
      } else if (roll < 0.7) {
        const item = pick(items);
        await actions.rename({ id: item.id, text: `${item.text}+${step}` });
      } else if (roll < 0.85) {
        const item = pick(items);
        const index = Math.floor(random() * items.length);
        if (items[index]?.id === item.id) await actions.toggle({ id: item.id });
        else await actions.move({ id: item.id, index });
      } else {
        await actions.tally({ key: pick(keys), delta: pick([-2, -1, 1, 3]) });
      }
    }
    const server = await serverState();
    await caughtUp(b, server.version);

    const context = `seed ${seed} (replay with LIVE_TEST_SEED=${seed})`;
    assert.deepEqual(a.state, server.state, context);
    assert.deepEqual(b.state, server.state, context);
    assert.equal(a.version, server.version, context);
    assert.equal(b.version, server.version, context);
    // Equal only because every patch applied: a resync would have papered over a wrong one.
    assert.equal(wireA.sentOf("resync").length, 0, context);
    assert.equal(wireB.sentOf("resync").length, 0, context);
    assert.equal(wireA.receivedOf("patch").length, 200, context);
    const ops = new Set(wireA.receivedOf("patch").flatMap((p) => p.ops.map((op) => op.op)));
    assert.ok(ops.has("add") && ops.has("remove") && ops.has("replace"), `ops seen: ${[...ops].join(", ")}; ${context}`);
  });
});

describe("version gaps", () => {
  test("a lost patch is detected by the next one's version, resynced, and the state equals the server's", async () => {
    let patches = 0;
    const wire = tapWire((message) => message.type === "patch" && ++patches === 2);
    const list = await live.client({ WebSocket: wire.WebSocket }).mount(SharedList);
    const start = list.version;

    await list.actions.add({ text: "one" });
    await list.actions.add({ text: "two" }); // its patch is lost: the client cannot know yet
    assert.deepEqual(list.state.items.map((i) => i.text), ["one"]);
    assert.equal(list.version, start + 1);
    assert.equal(wire.sentOf("resync").length, 0);

    await list.actions.add({ text: "three" }); // patch start+3 after start+1: a gap

    assert.equal(wire.dropped.length, 1);
    assert.equal(wire.sentOf("resync").length, 1);
    const [answer] = wire.receivedOf("state");
    assert.equal(answer?.version, start + 3);
    assert.deepEqual(list.state.items.map((i) => i.text), ["one", "two", "three"]);
    await list.actions.toggle({ id: list.state.items[1]!.id }); // and patches apply again afterwards
    assert.equal(wire.sentOf("resync").length, 1);
    const server = await serverState();
    assert.deepEqual(list.state, server.state);
    assert.equal(list.version, server.version);
  });
});
