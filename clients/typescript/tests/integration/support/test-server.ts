// Starts and stops tests/Live.TestServer (a real Kestrel + Live process) for the integration tests.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const STARTUP_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 10_000;

/** The repository root: the nearest folder above this file holding Live.sln. */
function repositoryRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, "Live.sln"))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error("Could not find Live.sln above the integration tests.");
    dir = parent;
  }
  return dir;
}

/** The built test server; `LIVE_TEST_SERVER_DLL` overrides where it is. */
export function testServerDll(): string {
  const configured = process.env["LIVE_TEST_SERVER_DLL"];
  const dll = configured ? resolve(configured) : join(repositoryRoot(), "tests", "Live.TestServer", "bin", "Debug", "net10.0", "Live.TestServer.dll");
  if (!existsSync(dll)) {
    throw new Error(`The test server is not built (${dll} does not exist): run \`dotnet build tests/Live.TestServer\` first (npm run test:integration does).`);
  }
  return dll;
}

/** Every process started here, so a crashing test run still kills them on its way out. */
const running = new Set<ChildProcess>();
process.on("exit", () => {
  for (const child of running) child.kill("SIGKILL");
});

/**
 * One `dotnet Live.TestServer.dll` process on a loopback port. `start()` resolves once Kestrel listens and the app
 * answers HTTP; `stop()` shuts it down gracefully (SIGTERM: Live closes its connections with 1001 "going away").
 */
export class TestServer {
  private constructor(
    private readonly child: ChildProcess,
    /** `http://127.0.0.1:<port>` */
    readonly baseUrl: string,
    private readonly exited: Promise<number | null>,
    /** Everything the process wrote so far, for failure messages. */
    readonly output: readonly string[],
  ) {}

  /** The port Kestrel listens on; pass it to `start` to bring a server back on the same address. */
  get port(): number {
    return Number(new URL(this.baseUrl).port);
  }

  /** The Live endpoint, `ws://127.0.0.1:<port>/live`. */
  get liveUrl(): string {
    return `${this.baseUrl.replace(/^http/, "ws")}/live`;
  }

  /**
   * Starts a server on `port` (0: a free port Kestrel picks, read back from its "Now listening on" line);
   * `args` are further command-line configuration (e.g. `--Live:Signing:Keys:0:Id`, `other`).
   */
  static async start(port = 0, args: readonly string[] = []): Promise<TestServer> {
    const dll = testServerDll();
    const child = spawn("dotnet", [dll, "--urls", `http://127.0.0.1:${port}`, ...args], {
      cwd: dirname(dll),
      env: { ...process.env, DOTNET_NOLOGO: "1", DOTNET_CLI_TELEMETRY_OPTOUT: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    running.add(child);
    const output: string[] = [];
    const exited = new Promise<number | null>((resolveExit) =>
      child.once("exit", (code) => {
        running.delete(child);
        resolveExit(code);
      }),
    );
    let baseUrl: string;
    try {
      baseUrl = await new Promise<string>((resolveUrl, reject) => {
        const timer = setTimeout(() => reject(new Error(`The test server did not start within ${STARTUP_TIMEOUT_MS} ms.`)), STARTUP_TIMEOUT_MS);
        const onData = (chunk: Buffer) => {
          for (const line of chunk.toString("utf8").split(/\r?\n/)) {
            if (line.length === 0) continue;
            output.push(line);
            const listening = /Now listening on: (http:\/\/127\.0\.0\.1:\d+)/.exec(line);
            if (listening) {
              clearTimeout(timer);
              resolveUrl(listening[1]!);
            }
          }
        };
        child.stdout!.on("data", onData);
        child.stderr!.on("data", onData);
        child.once("error", (error) => {
          clearTimeout(timer);
          reject(new Error(`Could not run dotnet: ${error.message}`));
        });
        void exited.then((code) => {
          clearTimeout(timer);
          reject(new Error(`The test server exited with code ${code} before listening:\n${output.join("\n")}`));
        });
      });
      await waitUntilReady(baseUrl, exited);
    } catch (error) {
      child.kill("SIGKILL");
      await exited;
      throw error;
    }
    return new TestServer(child, baseUrl, exited, output);
  }

  /** Aborts every open Live connection from the server side (the clients see 1006); resolves with how many. */
  async closeAllConnections(): Promise<number> {
    const response = await fetch(`${this.baseUrl}/test/close-all`, { method: "POST" });
    if (!response.ok) throw new Error(`POST /test/close-all answered ${response.status}.`);
    return ((await response.json()) as { aborted: number }).aborted;
  }

  /** Graceful shutdown (SIGTERM), SIGKILL if that takes longer than 10 s; resolves with the exit code. */
  async stop(): Promise<number | null> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return this.exited;
    this.child.kill("SIGTERM");
    const timer = setTimeout(() => this.child.kill("SIGKILL"), STOP_TIMEOUT_MS);
    try {
      return await this.exited;
    } finally {
      clearTimeout(timer);
    }
  }
}

/** Polls `GET /test/ready` (Kestrel logs "Now listening" just before the app serves requests). */
async function waitUntilReady(baseUrl: string, exited: Promise<number | null>): Promise<void> {
  let gone = false;
  void exited.then(() => (gone = true));
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  for (let attempt = 0; ; attempt++) {
    try {
      const response = await fetch(`${baseUrl}/test/ready`);
      if (response.ok) return;
    } catch {
      // Not accepting yet.
    }
    if (gone) throw new Error("The test server exited while starting.");
    if (Date.now() > deadline) throw new Error(`The test server at ${baseUrl} did not answer /test/ready within ${STARTUP_TIMEOUT_MS} ms.`);
    await new Promise((r) => setTimeout(r, Math.min(10 * 2 ** attempt, 200)));
  }
}
