// One test server per test file, and clients that are closed after each test.
import { after, afterEach, before } from "node:test";
import { LiveClient, type LiveClientOptions } from "../../../src/index.js";
import { TestServer } from "./test-server.js";

export interface ServerFixture {
  /** The running server (replace it with `restart`). */
  readonly server: TestServer;
  /** A client of the server, closed after the test. Heartbeat off, fast reconnects, 10 s request timeout. */
  client(options?: LiveClientOptions): LiveClient;
  /** Stops the server gracefully (SIGTERM); `startAgain` brings a new process up on the same port. */
  stopServer(): Promise<void>;
  /** `args`: further command-line configuration for the new process (e.g. another signing key). */
  startAgain(args?: readonly string[]): Promise<void>;
}

/** Starts the test server before the file's tests and stops it (and every client) after. */
export function useTestServer(): ServerFixture {
  let server: TestServer | undefined;
  let clients: LiveClient[] = [];

  before(async () => {
    server = await TestServer.start();
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
  });
  after(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
    await server?.stop();
  });

  return {
    get server() {
      if (server === undefined) throw new Error("The test server has not started.");
      return server;
    },
    client(options = {}) {
      const client = new LiveClient(this.server.liveUrl, {
        heartbeatIntervalMs: 0,
        requestTimeoutMs: 10_000,
        reconnect: { initialDelayMs: 20, maxDelayMs: 200 },
        ...options,
      });
      clients.push(client);
      return client;
    },
    async stopServer() {
      await this.server.stop();
    },
    async startAgain(args = []) {
      server = await TestServer.start(this.server.port, args);
    },
  };
}
