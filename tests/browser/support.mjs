// Helpers for the browser tests: start the built TodoApp on a free loopback port, launch Debian's Chromium.
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { mkdtempSync, mkdirSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { before, after } from "node:test";
import { chromium } from "playwright-core";

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const artifacts = resolve(repoRoot, process.env.RESULTS_DIR ?? "artifacts/test-results");
mkdirSync(artifacts, { recursive: true });

export async function freePort() {
  return await new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

/** Starts samples/TodoApp (already built) and resolves once it answers HTTP. */
export async function startTodoApp({ port, dataFile, environment = "Development" }) {
  const appDir = join(repoRoot, "samples/TodoApp");
  const dll = process.env.TODOAPP_DLL ?? join(appDir, "bin/Debug/net10.0/TodoApp.dll");
  if (!existsSync(dll)) throw new Error(`TodoApp is not built (${dll}); run ./run-tests.sh, which builds it first.`);
  if (!existsSync(join(appDir, "wwwroot/app.js"))) throw new Error("The TodoApp page is not bundled (samples/TodoApp/wwwroot/app.js).");
  const url = `http://127.0.0.1:${port}`;
  const child = spawn("dotnet", [dll, "--urls", url, "--TodoApp:DataFile", dataFile, "--environment", environment], {
    cwd: appDir,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, ASPNETCORE_ENVIRONMENT: environment, Logging__LogLevel__Default: "Warning" },
  });
  let output = "";
  child.stdout.on("data", d => (output += d));
  child.stderr.on("data", d => (output += d));
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`TodoApp exited with ${child.exitCode}:\n${output}`);
    try {
      const response = await fetch(url + "/");
      if (response.ok) return { url, child, output: () => output };
    } catch {
      // not listening yet
    }
    await new Promise(r => setTimeout(r, 100));
  }
  child.kill("SIGKILL");
  throw new Error(`TodoApp did not answer within 30 s:\n${output}`);
}

export async function stopTodoApp(app, signal = "SIGTERM") {
  if (!app || app.child.exitCode !== null) return;
  const exited = new Promise(r => app.child.once("exit", r));
  app.child.kill(signal);
  await exited;
}

export function tempDataFile() {
  return join(mkdtempSync(join(tmpdir(), "live-e2e-")), "todos.json");
}

export async function launchChromium() {
  const executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (!existsSync(executablePath)) throw new Error(`Chromium not found at ${executablePath}; ./run-tests.sh installs Debian's chromium.`);
  return await chromium.launch({
    executablePath,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/**
 * Starts one TodoApp and one Chromium for the test file (registers its `before`/`after` hooks). The returned fixture's
 * `app` changes when a test kills the server and calls `restart()`, which starts it again on the same port and data
 * file (the same signing key), as a deploy would.
 */
export function useTodoApp() {
  const fixture = {
    app: undefined,
    browser: undefined,
    port: 0,
    dataFile: tempDataFile(),
    async restart() {
      this.app = await startTodoApp({ port: this.port, dataFile: this.dataFile });
    },
  };
  before(async () => {
    fixture.port = await freePort();
    await fixture.restart();
    fixture.browser = await launchChromium();
  });
  after(async () => {
    await fixture.browser?.close();
    await stopTodoApp(fixture.app);
  });
  return fixture;
}

/** A page in a browser context of its own (its own cookies), opened on the app and connected; page errors are collected. */
export async function openInNewContext(browser, app) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", e => errors.push(e));
  await page.goto(app.url + "/");
  await page.locator("#status[data-status='open']").waitFor({ timeout: 10_000 });
  return { context, page, errors };
}

/** Signs the page in as `user` through the development sign-in and waits until its Live connection is open again. */
export async function signIn(page, user) {
  await page.click(`button:text-is("Sign in as ${user}")`);
  await page.locator("#signed-in-as", { hasText: `Signed in as ${user}` }).waitFor({ timeout: 10_000 });
  await page.locator("#status[data-status='open']").waitFor({ timeout: 10_000 });
}
