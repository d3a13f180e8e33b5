// Reconnects that lose nothing, in a real browser: the TodoApp page rehydrates its view after the server is killed
// and restarted with the same signing key (and after a reload), and resumes its live view after a dropped socket.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { artifacts, stopTodoApp, useTodoApp } from "./support.mjs";

const live = useTodoApp();

/** Opens the page and records the Live frames it receives (parsed), so a test can wait for a signed token. */
async function openPage() {
  const page = await live.browser.newPage();
  const errors = [];
  const frames = [];
  const waiters = new Set();
  page.on("pageerror", e => errors.push(e));
  page.on("websocket", socket =>
    socket.on("framereceived", ({ payload }) => {
      const frame = JSON.parse(String(payload));
      frames.push(frame);
      for (const waiter of [...waiters]) waiter(frame);
    }),
  );
  /** Resolves with the first received frame (already or later) matching `predicate`. */
  const frame = (predicate, what, timeoutMs = 10_000) => {
    const seen = frames.find(predicate);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        waiters.delete(waiter);
        reject(new Error(`Timed out waiting for ${what}`));
      }, timeoutMs);
      const waiter = f => {
        if (!predicate(f)) return;
        clearTimeout(timer);
        waiters.delete(waiter);
        resolve(f);
      };
      waiters.add(waiter);
    });
  };
  await page.goto(live.app.url + "/");
  await page.locator("#status[data-status='open']").waitFor({ timeout: 10_000 });
  // The page binds its handlers right after both mounts resolve, which is when it sets the restore badge: typing
  // before that submits the bare form (a navigation) instead of adding a todo.
  await page.locator("#restore[data-restore]").waitFor({ timeout: 10_000 });
  return { page, errors, frame };
}

const todo = (page, text) => page.locator("#todos li", { hasText: text });

async function addTodo(page, text) {
  await page.fill("#new-todo", text);
  await page.press("#new-todo", "Enter");
  await todo(page, text).waitFor({ timeout: 2000 });
}

/**
 * Sets the filter and types a draft, then waits until the signed token the page keeps covers the draft (the server
 * sends tokens throttled, at most one per Live:Signing:TokenInterval, with a trailing one).
 */
async function setFilterAndDraft({ page, frame }, filter, draft) {
  await page.click(`[data-filter='${filter}']`);
  await page.locator(`[data-filter='${filter}'].selected`).waitFor({ timeout: 2000 });
  await page.fill("#new-todo", draft);
  await page.locator("h1").click(); // Unfocused, the input shows the view state's draft on every render.
  const view = await frame(f => f.type === "mounted" && f.component === "TodoView", "the TodoView mount");
  // The draft's change arrives as a `patch`, or — the view being held by this page only — inside the `result` of the
  // action that set it (its `ops`, version implied; a result names no instance, but only TodoView has a /draft).
  await frame(
    f =>
      ((f.type === "patch" && f.instance === view.instance) || f.type === "result") &&
      Array.isArray(f.ops) &&
      f.ops.some(op => op.path === "/draft" && op.value === draft),
    "the draft's change (patch or result)",
  );
  // A token covers the draft when its signed state holds it (the payload is base64url JSON; the page never reads it).
  const stateOf = token => JSON.parse(Buffer.from(token.split(".")[0], "base64url").toString("utf8")).s;
  await frame(f => f.type === "token" && f.instance === view.instance && stateOf(f.token)?.draft === draft, "a token covering the draft");
}

test("killed and restarted with the same key, the page rehydrates its filter and draft by itself and keeps working", async () => {
  const tab = await openPage();
  const { page } = tab;
  await addTodo(page, "kept across the restart");
  await setFilterAndDraft(tab, "active", "half-typed draft");

  await stopTodoApp(live.app, "SIGKILL");
  await page.locator("#status[data-status='reconnecting']").waitFor({ timeout: 5000 });
  await live.restart();
  await page.locator("#status[data-status='open']").waitFor({ timeout: 15_000 });

  // A fresh mount would have reset both: filter "all", and an empty draft rendered into the unfocused input.
  await page.locator("#restore[data-restore='rehydrated']").waitFor({ timeout: 5000 });
  assert.equal(await page.locator("[data-filter].selected").getAttribute("data-filter"), "active");
  assert.equal(await page.inputValue("#new-todo"), "half-typed draft");
  await todo(page, "kept across the restart").waitFor({ timeout: 2000 });

  // The rehydrated view (a new instance) joined the presence room in its mount hook and, its draft back, says again
  // that it is editing: a tab opened now shows it.
  const observer = await openPage();
  await observer.page.locator("#editing", { hasText: /^Guest [0-9a-f]{4} is editing…$/ }).waitFor({ timeout: 5000 });
  await observer.page.close();

  await page.screenshot({ path: join(artifacts, "todoapp-rehydrated-after-restart.png") });
  await addTodo(page, "added after the restart");
  assert.deepEqual(tab.errors, []);
  await page.close();
});

test("a reload rehydrates the view from sessionStorage", async () => {
  const tab = await openPage();
  const { page } = tab;
  await setFilterAndDraft(tab, "completed", "draft before the reload");

  await page.reload();
  await page.locator("#status[data-status='open']").waitFor({ timeout: 10_000 });
  await page.locator("#restore[data-restore='rehydrated']").waitFor({ timeout: 5000 });
  assert.equal(await page.locator("[data-filter].selected").getAttribute("data-filter"), "completed");
  assert.equal(await page.inputValue("#new-todo"), "draft before the reload");
  assert.deepEqual(tab.errors, []);
  await page.close();
});

test("a dropped socket resumes the live view, and a change made in another tab meanwhile arrives", async () => {
  const page = await live.browser.newPage();
  const errors = [];
  page.on("pageerror", e => errors.push(e));
  // Every Live socket of this page goes through a proxy the test controls: it can cut the connection, and hold a
  // reconnect back until the other tab has made its change.
  const sockets = [];
  let gate;
  await page.routeWebSocket(/\/live/, async route => {
    if (gate) await gate.promise;
    route.connectToServer();
    sockets.push(route);
  });
  await page.goto(live.app.url + "/");
  await page.locator("#status[data-status='open']").waitFor({ timeout: 10_000 });
  await page.click("[data-filter='active']");
  await page.locator("[data-filter='active'].selected").waitFor({ timeout: 2000 });
  const remainingBefore = await page.textContent("#remaining");

  const other = await openPage();
  // A draft typed before the drop: the other tab shows this (anonymous) tab's guest as editing.
  await page.fill("#new-todo", "typed before the drop");
  const editing = other.page.locator("#editing", { hasText: /^Guest [0-9a-f]{4} is editing…$/ });
  await editing.waitFor({ timeout: 3000 });
  let release;
  gate = { promise: new Promise(resolve => (release = resolve)) };
  // The network cuts the page's connection; the client reports it as it does a dead connection (4100).
  await sockets[0].close({ code: 4100, reason: "network cut (test)" });
  await page.locator("#status[data-status='reconnecting']").waitFor({ timeout: 5000 });
  // During the gap the server holds the dropped tab's membership: shown as reconnecting, still editing.
  await other.page.locator("#online .member[data-status='reconnecting']").waitFor({ timeout: 5000 });
  assert.equal(await editing.count(), 1);

  await addTodo(other.page, "added while the first tab was away");
  const remainingNow = await other.page.textContent("#remaining");
  assert.notEqual(remainingNow, remainingBefore);
  await page.screenshot({ path: join(artifacts, "todoapp-socket-dropped.png") });
  release();

  await page.locator("#status[data-status='open']").waitFor({ timeout: 15_000 });
  await page.locator("#restore[data-restore='resumed']").waitFor({ timeout: 5000 });
  await todo(page, "added while the first tab was away").waitFor({ timeout: 2000 });
  // The count lives in this tab's own view state, changed on the server while the tab was away: it came back with
  // the resumed instance (replayed), and the filter set before the drop is still there.
  assert.equal(await page.textContent("#remaining"), remainingNow);
  assert.equal(await page.locator("[data-filter].selected").getAttribute("data-filter"), "active");
  // Resumed, the view is back in the presence room on its new connection: online again, and still editing.
  await other.page.locator("#online .member[data-status='reconnecting']").waitFor({ state: "detached", timeout: 5000 });
  await editing.waitFor({ timeout: 3000 });
  await page.screenshot({ path: join(artifacts, "todoapp-resumed.png") });

  await addTodo(page, "added after the resume");
  await todo(other.page, "added after the resume").waitFor({ timeout: 2000 });
  assert.deepEqual([...errors, ...other.errors], []);
  await other.page.close();
  await page.close();
});
