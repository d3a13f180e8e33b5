import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { endpointUrl, resolveWebSocket } from "../src/endpoint.js";

describe("endpoint", () => {
  test("adds the access token as an escaped query parameter, keeping query and fragment", () => {
    assert.equal(endpointUrl("ws://h/live", "a b&c"), "ws://h/live?access_token=a%20b%26c");
    assert.equal(endpointUrl("wss://h/live?x=1#f", "t"), "wss://h/live?x=1&access_token=t#f");
    assert.equal(endpointUrl("ws://h/live", undefined), "ws://h/live");
    assert.equal(endpointUrl("ws://h/live", ""), "ws://h/live");
  });

  test("turns http(s) into ws(s)", () => {
    assert.equal(endpointUrl("http://h/live", null), "ws://h/live");
    assert.equal(endpointUrl("HTTPS://h/live", null), "wss://h/live");
  });

  test("resolves a relative URL against location, as in a browser", () => {
    const global = globalThis as { location?: { href: string } };
    global.location = { href: "https://app.example/page/1" };
    try {
      assert.equal(endpointUrl("/live", "t"), "wss://app.example/live?access_token=t");
    } finally {
      delete global.location;
    }
  });

  test("loads the `ws` package when there is no global WebSocket", async () => {
    assert.equal((globalThis as { WebSocket?: unknown }).WebSocket, undefined, "this test needs Node 20 without --experimental-websocket");
    const { WebSocket } = await import("ws");
    assert.equal(await resolveWebSocket(), WebSocket);
  });
});
