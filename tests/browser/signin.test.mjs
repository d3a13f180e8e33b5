// The TodoApp's development sign-in in a real browser: the page shows who is signed in, the Live connection is
// authenticated by the same cookie, and only an admin can clear the whole list.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { artifacts, freePort, launchChromium, startTodoApp, stopTodoApp, tempDataFile } from "./support.mjs";

let browser;
let app;

before(async () => {
  app = await startTodoApp({ port: await freePort(), dataFile: tempDataFile() });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await stopTodoApp(app);
});

/** A new browser context (its own cookie jar) signed in as `user`, or anonymous when `user` is null. */
async function openAs(user) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", e => errors.push(e));
  await page.goto(app.url + "/");
  await page.locator("#status[data-status='open']").waitFor({ timeout: 10_000 });
  await page.locator("#signed-in-as", { hasText: "Not signed in" }).waitFor({ timeout: 5000 });
  if (user !== null) {
    await page.click(`button:text-is("Sign in as ${user}")`);
    await page.locator("#signed-in-as", { hasText: `Signed in as ${user}` }).waitFor({ timeout: 10_000 });
    await page.locator("#status[data-status='open']").waitFor({ timeout: 10_000 });
  }
  return { context, page, errors };
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

test("a sign-in post without the antiforgery token is refused", async () => {
  const response = await fetch(app.url + "/account/login", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: "user=alice",
    redirect: "manual",
  });
  assert.equal(response.status, 400);
  assert.equal(response.headers.get("set-cookie"), null);
});
