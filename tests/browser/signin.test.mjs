// The TodoApp's development sign-in in a real browser: the page shows who is signed in, the Live connection is
// authenticated by the same cookie, and only an admin can clear the whole list.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { artifacts, openInNewContext, signIn, stopTodoApp, useTodoApp } from "./support.mjs";

const live = useTodoApp();

/** A new browser context (its own cookie jar) signed in as `user`, or anonymous when `user` is null. */
async function openAs(user) {
  const tab = await openInNewContext(live.browser, live.app);
  await tab.page.locator("#signed-in-as", { hasText: "Not signed in" }).waitFor({ timeout: 5000 });
  if (user !== null) await signIn(tab.page, user);
  return tab;
}

test("signing in shows the user, and signing out goes back to anonymous", async () => {
  const { context, page, errors } = await openAs("alice");
  assert.match(await page.locator("#signed-in-as").textContent(), /Signed in as alice \(admin\)/);
  await page.screenshot({ path: join(artifacts, "todoapp-signed-in.png"), fullPage: true });

  await page.click("button:text-is('Sign out')");
  await page.locator("#signed-in-as", { hasText: "Not signed in" }).waitFor({ timeout: 10_000 });
  assert.deepEqual(errors, []);
  await context.close();
});

const todo = (page, text) => page.locator("#todos li", { hasText: text });

async function add(page, text) {
  await page.fill("#new-todo", text);
  await page.press("#new-todo", "Enter");
  await todo(page, text).waitFor({ timeout: 2000 });
}

test("clear all is refused for bob (forbidden) and empties the list in every tab for alice", async () => {
  const bob = await openAs("bob");
  const alice = await openAs("alice");
  const aliceSecondTab = await alice.context.newPage();
  await aliceSecondTab.goto(live.app.url + "/");
  await aliceSecondTab.locator("#status[data-status='open']").waitFor({ timeout: 10_000 });
  await add(bob.page, "bob's todo");
  await add(alice.page, "alice's todo");
  await todo(aliceSecondTab, "bob's todo").waitFor({ timeout: 2000 });

  // The button is there for bob too; the server refuses him and nothing changes anywhere.
  await bob.page.click("#clear-all");
  await bob.page.locator("#error", { hasText: "forbidden" }).waitFor({ timeout: 5000 });
  assert.equal(await todo(bob.page, "alice's todo").count(), 1);
  assert.equal(await todo(alice.page, "bob's todo").count(), 1);
  await bob.page.screenshot({ path: join(artifacts, "todoapp-clear-all-forbidden.png"), fullPage: true });

  // A direct call on a raw WebSocket from bob's page (his cookie goes along), not through the page's code.
  const direct = await bob.page.evaluate(async () => {
    const ws = new WebSocket(new URL("/live", location.href).href.replace(/^http/, "ws"), "live.v1");
    const answer = id =>
      new Promise(resolve => {
        const onMessage = event => {
          const message = JSON.parse(event.data);
          if (message.id !== id) return;
          ws.removeEventListener("message", onMessage);
          resolve(message);
        };
        ws.addEventListener("message", onMessage);
      });
    await new Promise((resolve, reject) => {
      ws.onopen = resolve;
      ws.onerror = reject;
    });
    const mounting = answer("m");
    ws.send(JSON.stringify({ type: "mount", id: "m", component: "TodoList" }));
    const mounted = await mounting;
    const clearing = answer("c");
    ws.send(JSON.stringify({ type: "action", id: "c", instance: mounted.instance, action: "clearAll" }));
    const result = await clearing;
    ws.close();
    return result;
  });
  assert.equal(direct.type, "error");
  assert.equal(direct.code, "forbidden");
  assert.equal(await todo(alice.page, "bob's todo").count(), 1);

  await alice.page.click("#clear-all");
  await alice.page.locator("#todos li").first().waitFor({ state: "detached", timeout: 2000 });
  await aliceSecondTab.locator("#todos li").first().waitFor({ state: "detached", timeout: 2000 });
  await bob.page.locator("#todos li").first().waitFor({ state: "detached", timeout: 2000 });
  assert.equal(await alice.page.locator("#error").isVisible(), false);
  assert.deepEqual([...bob.errors, ...alice.errors], []);
  await bob.context.close();
  await alice.context.close();
});

test("a sign-in post without the antiforgery token is refused", async () => {
  const response = await fetch(live.app.url + "/account/login", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: "user=alice",
    redirect: "manual",
  });
  assert.equal(response.status, 400);
  assert.equal(response.headers.get("set-cookie"), null);
});
