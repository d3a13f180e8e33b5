// Mount, typed actions with results, error codes and request timeouts against a real Live server process.
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { defineComponent, LiveError, LiveTimeoutError } from "../../src/index.js";
import { changed } from "../support/helpers.js";
import { Counter, Stall, type Stats } from "./support/bindings.js";
import { useTestServer } from "./support/fixture.js";
import { tapWire } from "./support/wire.js";

const live = useTestServer();

function isLiveError(code: string, argument?: string) {
  return (error: unknown) => {
    assert.ok(error instanceof LiveError, `expected a LiveError, got ${String(error)}`);
    assert.equal(error.code, code, error.message);
    if (argument !== undefined) assert.equal(error.argument, argument, error.message);
    return true;
  };
}

describe("mount", () => {
  test("mounts a component with props and exposes its initial state and version", async () => {
    const counter = await live.client().mount(Counter, { start: 41, label: "answer" });

    assert.deepEqual(counter.state, { count: 41, label: "answer" });
    assert.equal(counter.version, 0);
    assert.match(counter.instance, /\S/);
    assert.equal(counter.isMounted, true);
  });

  test("two mounts of a per-connection component are separate instances", async () => {
    const client = live.client();
    const a = await client.mount(Counter);
    const b = await client.mount(Counter);

    await a.actions.increment();

    assert.notEqual(a.instance, b.instance);
    assert.equal(a.state.count, 1);
    assert.equal(b.state.count, 0);
  });

  test("unmount is answered by the server and the handle refuses further actions", async () => {
    const wire = tapWire();
    const counter = await live.client({ WebSocket: wire.WebSocket }).mount(Counter);
    await counter.unmount();

    assert.deepEqual(wire.receivedOf("unmounted").map((m) => m.instance), [counter.instance]);
    assert.equal(counter.isMounted, false);
    await assert.rejects(counter.actions.increment(), isLiveError("not_mounted"));
  });
});

describe("typed actions", () => {
  test("an action's patch is applied before its promise resolves", async () => {
    const counter = await live.client().mount(Counter);
    const seen = changed(counter, (s) => s.count === 1);

    const result = await counter.actions.increment();

    assert.equal(result, undefined);
    assert.deepEqual(counter.state, { count: 1, label: "counter" });
    assert.equal(counter.version, 1);
    await seen;
  });

  test("an action on a per-connection component is answered by one result frame carrying the change", async () => {
    const wire = tapWire();
    const counter = await live.client({ WebSocket: wire.WebSocket }).mount(Counter);

    const sum = await counter.actions.add({ amount: 4 });

    assert.equal(sum, 4);
    assert.deepEqual(counter.state, { count: 4, label: "counter" });
    assert.equal(wire.receivedOf("patch").length, 0, "no separate patch frame");
    const [result] = wire.receivedOf("result");
    assert.equal("version" in (result ?? {}), false, "the version is implied, not sent");
    assert.equal(counter.version, 1);
    assert.deepEqual(result?.ops, [{ op: "replace", path: "/count", value: 4 }]);
    assert.equal(wire.sentOf("resync").length, 0);
  });

  test("actions resolve with their typed results", async () => {
    const counter = await live.client().mount(Counter, { start: 10 });

    const sum: number = await counter.actions.add({ amount: 5 });
    const later: number = await counter.actions.addLaterAsync({ amount: -3 });
    const previous: string = await counter.actions.rename({ label: "renamed" });
    const stats: Stats = await counter.actions.describe();
    const nothing: number | null = await counter.actions.nothing();

    assert.equal(sum, 15);
    assert.equal(later, 12);
    assert.equal(previous, "counter");
    assert.deepEqual(stats, { count: 12, label: "renamed", history: [5, -3] });
    assert.equal(nothing, null);
    assert.deepEqual(counter.state, { count: 12, label: "renamed" });
    assert.equal(counter.version, 3);
  });

  test("optional arguments may be omitted or given", async () => {
    const counter = await live.client().mount(Counter);

    assert.equal(await counter.actions.greet(), "hello world;");
    assert.equal(await counter.actions.greet({ name: "ts", times: 2 }), "hello ts;hello ts;");
    assert.equal(await counter.actions.greet({ times: null }), "hello world;");
  });

  test("an action that changes nothing sends no patch", async () => {
    const counter = await live.client().mount(Counter);
    let changes = 0;
    counter.onChange(() => changes++);

    await counter.actions.greet();
    await counter.actions.increment();

    assert.equal(changes, 1);
    assert.equal(counter.version, 1);
  });
});

describe("errors", () => {
  test("an action the component does not have answers unknown_action", async () => {
    const WithExtra = defineComponent<object, { explode: { args: {}; result: void } }>("Counter", ["explode"]);
    const counter = await live.client().mount(WithExtra);

    await assert.rejects(counter.actions.explode(), isLiveError("unknown_action"));
  });

  test("an argument of the wrong type answers invalid_args naming it", async () => {
    const counter = await live.client().mount(Counter);
    const add = counter.actions.add as unknown as (args: object) => Promise<number>;

    await assert.rejects(add({ amount: "five" }), isLiveError("invalid_args", "amount"));
  });

  test("a missing required argument answers invalid_args naming it", async () => {
    const counter = await live.client().mount(Counter);
    const add = counter.actions.add as unknown as (args: object) => Promise<number>;

    await assert.rejects(add({}), isLiveError("invalid_args", "amount"));
  });

  test("an argument the action does not take answers invalid_args naming it", async () => {
    const counter = await live.client().mount(Counter);
    const add = counter.actions.add as unknown as (args: object) => Promise<number>;

    await assert.rejects(add({ amount: 1, bonus: 2 }), isLiveError("invalid_args", "bonus"));
  });

  test("a throwing action answers action_failed with details in Development and changes nothing", async () => {
    const counter = await live.client().mount(Counter, { start: 7 });
    let changes = 0;
    counter.onChange(() => changes++);

    await assert.rejects(counter.actions.fail(), (error: unknown) => {
      isLiveError("action_failed")(error);
      assert.match((error as Error).message, /counter exploded on purpose/);
      return true;
    });

    assert.equal((await counter.actions.describe()).count, 7, "the server's state was rolled back");
    assert.equal(changes, 0);
    assert.deepEqual(counter.state, { count: 7, label: "counter" });
    assert.equal(counter.version, 0);
  });

  test("mounting a component the server does not register answers unknown_component", async () => {
    const Missing = defineComponent<object>("NoSuchComponent", []);

    await assert.rejects(live.client().mount(Missing), isLiveError("unknown_component"));
  });

  test("errors leave the connection usable", async () => {
    const client = live.client();
    const counter = await client.mount(Counter);
    const add = counter.actions.add as unknown as (args: object) => Promise<number>;
    await assert.rejects(add({ amount: "x" }), LiveError);
    await assert.rejects(counter.actions.fail(), LiveError);
    await assert.rejects(client.mount(defineComponent<object>("Nope", [])), LiveError);

    assert.equal(await counter.actions.add({ amount: 2 }), 2);
    assert.equal(client.status, "open");
  });
});

describe("request timeout", () => {
  before(async () => {
    // Warm the server up so the short timeout below only ever measures the action that never answers.
    await (await live.client().mount(Stall)).actions.enter();
  });

  test("an action with no answer within requestTimeoutMs rejects with LiveTimeoutError", async () => {
    const client = live.client({ requestTimeoutMs: 1000 });
    const stall = await client.mount(Stall);
    const counter = await client.mount(Counter);

    const started = performance.now();
    await assert.rejects(stall.actions.waitForeverAsync(), (error: unknown) => {
      assert.ok(error instanceof LiveTimeoutError, `expected a LiveTimeoutError, got ${String(error)}`);
      assert.equal(error.timeoutMs, 1000);
      assert.match(error.requestId, /\S/);
      return true;
    });

    assert.ok(performance.now() - started >= 990, "it waited for the timeout");
    // The connection is fine: another component's action is answered.
    assert.equal(await counter.actions.add({ amount: 3 }), 3);
    assert.equal(client.status, "open");
  });
});

describe("cancellation on the server", () => {
  test(
    "closing the client cancels its action still running on the server",
    async () => {
      const observer = await live.client().mount(Stall);
      const before = await observer.actions.cancellations();
      const client = live.client({ requestTimeoutMs: 300 });
      const stall = await client.mount(Stall);
      await assert.rejects(stall.actions.waitForeverAsync(), LiveTimeoutError);

      await client.close();

      // No event reaches another client when a server-side token is cancelled, so this asks until it has been.
      const deadline = performance.now() + 3000;
      while ((await observer.actions.cancellations()) === before) {
        assert.ok(performance.now() < deadline, "the running action was not cancelled within 3 s of the close");
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
  );
});
