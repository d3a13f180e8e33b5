// The TodoApp in a real browser: two pages share the list live, and the page survives the server going away.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { artifacts, openInNewContext, signIn, stopTodoApp, useTodoApp } from "./support.mjs";

const live = useTodoApp();

async function openPage() {
  const page = await live.browser.newPage();
  const errors = [];
  page.on("pageerror", e => errors.push(e));
  await page.goto(live.app.url + "/");
  await page.locator("#status[data-status='open']").waitFor({ timeout: 10_000 });
  return { page, errors };
}

const todo = (page, text) => page.locator("#todos li", { hasText: text });

test("a change in one tab appears in the other within one second", async () => {
  const { page: first, errors: firstErrors } = await openPage();
  const { page: second, errors: secondErrors } = await openPage();

  await first.fill("#new-todo", "buy milk");
  await first.press("#new-todo", "Enter");
  await todo(second, "buy milk").waitFor({ timeout: 1000 });

  await todo(second, "buy milk").locator("input.toggle").check();
  await first.locator("#todos li.done", { hasText: "buy milk" }).waitFor({ timeout: 1000 });

  await first.fill("#new-todo", "walk the dog");
  await first.press("#new-todo", "Enter");
  await todo(second, "walk the dog").waitFor({ timeout: 1000 });
  await todo(first, "walk the dog").locator("button.remove").click();
  await todo(second, "walk the dog").waitFor({ state: "detached", timeout: 1000 });

  // Filters are per tab: filtering one tab leaves the other alone.
  await second.click("[data-filter='active']");
  await todo(second, "buy milk").waitFor({ state: "detached", timeout: 1000 });
  assert.equal(await todo(first, "buy milk").count(), 1);

  await first.screenshot({ path: join(artifacts, "todoapp-two-tabs.png"), fullPage: true });
  assert.deepEqual([...firstErrors, ...secondErrors], []);
  await first.close();
  await second.close();
});

test("each tab shows who is online and which other user is editing a new todo", async () => {
  const alice = await signedIn("alice");
  const bob = await signedIn("bob");

  await bob.page.locator("#online .member[data-user='alice']").waitFor({ timeout: 5000 });
  await alice.page.locator("#online .member[data-user='bob']").waitFor({ timeout: 5000 });
  assert.equal(await bob.page.locator("#online .member[data-user='alice']").textContent(), "alice");

  // Typing in alice's add box (without submitting) shows "alice is editing…" in bob's tab, not in her own.
  await alice.page.locator("#new-todo").pressSequentially("half a thought", { delay: 10 });
  await bob.page.locator("#editing", { hasText: /^alice is editing…$/ }).waitFor({ timeout: 3000 });
  assert.equal(await alice.page.locator("#editing").textContent(), "");
  await bob.page.screenshot({ path: join(artifacts, "todoapp-presence-editing.png"), fullPage: true });

  // Hiding alice's tab makes her away (she has one tab) in bob's list; showing it makes her online again.
  await setHidden(alice.page, true);
  const aliceInBob = bob.page.locator("#online .member[data-user='alice']");
  await bob.page.locator("#online .member[data-user='alice'][data-status='away']").waitFor({ timeout: 3000 });
  assert.equal(await aliceInBob.textContent(), "alice (away)");
  assert.match(await aliceInBob.getAttribute("class"), /inactive/);
  await bob.page.screenshot({ path: join(artifacts, "todoapp-presence-away.png"), fullPage: true });
  await setHidden(alice.page, false);
  await bob.page.locator("#online .member[data-user='alice'][data-status='online']").waitFor({ timeout: 3000 });

  // Clearing the draft clears the indicator; closing alice's tab takes her off bob's list.
  await alice.page.fill("#new-todo", "");
  await alice.page.locator("#new-todo").dispatchEvent("input");
  await bob.page.locator("#editing", { hasText: /^$/ }).waitFor({ timeout: 3000 });
  await alice.context.close();
  await bob.page.locator("#online .member[data-user='alice']").waitFor({ state: "detached", timeout: 5000 });

  assert.deepEqual([...alice.errors, ...bob.errors], []);
  await bob.context.close();
});

test("closing the tab that is editing clears the indicator while its user stays online in another tab", async () => {
  const alice = await signedIn("alice");
  const bob = await signedIn("bob");
  const second = await alice.context.newPage();
  second.on("pageerror", e => alice.errors.push(e));
  await second.goto(live.app.url + "/");
  await second.locator("#status[data-status='open']").waitFor({ timeout: 10_000 });
  const aliceInBob = bob.page.locator("#online .member[data-user='alice']");
  await bob.page.locator("#online .member[data-user='alice']", { hasText: /^alice \(2 tabs\)$/ }).waitFor({ timeout: 5000 });

  // The second tab has a draft; closing it (a goodbye, not a drop) takes its live state along at once.
  await second.locator("#new-todo").pressSequentially("draft in tab two", { delay: 10 });
  await bob.page.locator("#editing", { hasText: /^alice is editing…$/ }).waitFor({ timeout: 3000 });
  await second.close();
  await bob.page.locator("#editing", { hasText: /^$/ }).waitFor({ timeout: 3000 });
  await bob.page.locator("#online .member[data-user='alice']", { hasText: /^alice$/ }).waitFor({ timeout: 3000 });
  assert.equal(await aliceInBob.getAttribute("data-status"), "online");

  assert.deepEqual([...alice.errors, ...bob.errors], []);
  await alice.context.close();
  await bob.context.close();
});

/** Pretends the page's tab was hidden or shown (headless tabs are always visible). */
async function setHidden(page, hidden) {
  await page.evaluate(value => {
    Object.defineProperty(document, "hidden", { configurable: true, get: () => value });
    document.dispatchEvent(new Event("visibilitychange"));
  }, hidden);
}

/** A browser context of its own (its own cookies) signed in as `user` through the development sign-in. */
async function signedIn(user) {
  const tab = await openInNewContext(live.browser, live.app);
  await signIn(tab.page, user);
  return tab;
}

test("the status shows reconnecting when the server goes away, and the page recovers", async () => {
  const { page } = await openPage();
  await page.fill("#new-todo", "survives restarts");
  await page.press("#new-todo", "Enter");
  await todo(page, "survives restarts").waitFor({ timeout: 1000 });

  await stopTodoApp(live.app, "SIGKILL");
  await page.locator("#status[data-status='reconnecting']").waitFor({ timeout: 5000 });
  await page.screenshot({ path: join(artifacts, "todoapp-reconnecting.png") });

  await live.restart();
  await page.locator("#status[data-status='open']").waitFor({ timeout: 15_000 });
  await todo(page, "survives restarts").waitFor({ timeout: 5000 });

  await page.fill("#new-todo", "added after the restart");
  await page.press("#new-todo", "Enter");
  await todo(page, "added after the restart").waitFor({ timeout: 1000 });
  await page.screenshot({ path: join(artifacts, "todoapp-recovered.png") });
  await page.close();
});
