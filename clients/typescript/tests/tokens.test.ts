import assert from "node:assert/strict";
import { afterEach, describe, test } from "node:test";
import type { PatchMessage } from "../src/protocol.js";
import { replay } from "../src/restore.js";
import { TokenStore, tokenKey } from "../src/tokens.js";
import { TestStorage } from "./support/storage.js";

const globals = globalThis as { sessionStorage?: unknown };

describe("token storage option", () => {
  afterEach(() => {
    delete globals.sessionStorage;
  });

  test('"session" uses globalThis.sessionStorage when there is one', () => {
    const session = new TestStorage();
    globals.sessionStorage = session;
    TokenStore.create("session", {}).save("C", undefined, "t", 0);
    TokenStore.create(undefined, {}).save("D", undefined, "u", 0);
    assert.equal(session.token(tokenKey("C", undefined)), "t");
    assert.equal(session.token(tokenKey("D", undefined)), "u", "session is the default");
  });

  test('"session" falls back to memory without sessionStorage (Node) or when reading it throws', () => {
    assert.equal(globals.sessionStorage, undefined);
    const store = TokenStore.create("session", {});
    store.save("C", { a: 1 }, "t", 0);
    assert.equal(store.load("C", { a: 1 }), "t");
    assert.equal(store.enabled, true);

    Object.defineProperty(globalThis, "sessionStorage", {
      configurable: true,
      get() {
        throw new Error("SecurityError: access denied");
      },
    });
    const fallback = TokenStore.create("session", {});
    fallback.save("C", undefined, "t", 0);
    assert.equal(fallback.load("C", undefined), "t");
  });

  test('"memory" stores per client, "none" stores nothing', () => {
    const a = TokenStore.create("memory", {});
    const b = TokenStore.create("memory", {});
    a.save("C", undefined, "t", 0);
    assert.equal(a.load("C", undefined), "t");
    assert.equal(b.load("C", undefined), undefined);
    a.remove("C", undefined);
    assert.equal(a.load("C", undefined), undefined);

    const none = TokenStore.create("none", {});
    none.save("C", undefined, "t", 0);
    assert.equal(none.load("C", undefined), undefined);
    assert.equal(none.enabled, false);
  });

  test("removeItem throwing is swallowed", () => {
    const storage = new TestStorage();
    storage.removeItem = () => {
      throw new Error("boom");
    };
    assert.doesNotThrow(() => TokenStore.create(storage, {}).remove("C", undefined));
  });
});

describe("replaying patches after a resume", () => {
  const patch = (version: number, value: string): PatchMessage => ({ type: "patch", instance: "c", version, ops: [{ op: "replace", path: "/v", value }] });
  const noError = () => assert.fail("no patch should fail");

  test("applies the patches from the held version to the target in order, skipping older and later ones", () => {
    const state = { v: "0" };
    const result = replay(state, 2, [patch(1, "x"), patch(2, "x"), patch(3, "a"), patch(4, "b"), patch(5, "later")], 4, noError);
    assert.deepEqual(result, { v: "b" });
    assert.deepEqual(state, { v: "0" }, "the previous state is not mutated");
  });

  test("nothing to replay leaves the very same state", () => {
    const state = { v: "0" };
    assert.equal(replay(state, 3, [], 3, noError), state);
  });

  test("a missing version, a target not reached or a patch that does not apply gives undefined", () => {
    assert.equal(replay({ v: "0" }, 0, [patch(1, "a"), patch(3, "c")], 3, noError), undefined);
    assert.equal(replay({ v: "0" }, 0, [patch(1, "a")], 2, noError), undefined);
    assert.equal(replay({ v: "0" }, 5, [], 3, noError), undefined, "the client is ahead of the server's version");
    const errors: unknown[] = [];
    const bad: PatchMessage = { type: "patch", instance: "c", version: 1, ops: [{ op: "remove", path: "/missing" }] };
    assert.equal(replay({ v: "0" }, 0, [bad], 1, (e) => errors.push(e)), undefined);
    assert.equal(errors.length, 1);
  });
});
