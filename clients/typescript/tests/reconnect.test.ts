import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { backoffDelay, resolveReconnectPolicy } from "../src/reconnect.js";

describe("backoff", () => {
  const policy = { initialDelayMs: 100, maxDelayMs: 1000 };

  test("the bound doubles per attempt and is capped at maxDelayMs", () => {
    const almostOne = () => 0.999999;
    assert.deepEqual([1, 2, 3, 4, 5, 50, 5000].map((a) => backoffDelay(a, policy, almostOne)), [99, 199, 399, 799, 999, 999, 999]);
  });

  test("full jitter: the delay spans the whole window from zero", () => {
    assert.equal(backoffDelay(3, policy, () => 0), 0);
    assert.equal(backoffDelay(3, policy, () => 0.5), 200);
  });

  test("defaults, validation and `false`", () => {
    assert.equal(resolveReconnectPolicy(false), undefined);
    const defaults = resolveReconnectPolicy(undefined)!;
    assert.equal(defaults.maxAttempts, Infinity);
    assert.ok(defaults.initialDelayMs > 0 && defaults.maxDelayMs >= defaults.initialDelayMs);
    assert.throws(() => resolveReconnectPolicy({ initialDelayMs: 10, maxDelayMs: 5 }), RangeError);
    assert.throws(() => resolveReconnectPolicy({ maxAttempts: 0 }), RangeError);
  });
});
