import { LiveClient, type LiveClientOptions, type LiveStatus, type StatusEvent } from "../../src/index.js";

/** Resolves with the event of the next status change to `status`. */
export function nextStatus(client: LiveClient, status: LiveStatus, timeoutMs = 5000): Promise<StatusEvent> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`Timed out waiting for status '${status}' (now '${client.status}').`));
    }, timeoutMs);
    const off = client.onStatus((s, event) => {
      if (s !== status) return;
      clearTimeout(timer);
      off();
      resolve(event);
    });
  });
}

/** Records every status the client reports. */
export function recordStatuses(client: LiveClient): LiveStatus[] {
  const statuses: LiveStatus[] = [];
  client.onStatus((s) => statuses.push(s));
  return statuses;
}

/** Options for fast, deterministic tests: immediate reconnects, no heartbeat unless asked for. */
export function testOptions(overrides: LiveClientOptions = {}): LiveClientOptions {
  return {
    heartbeatIntervalMs: 0,
    requestTimeoutMs: 2000,
    reconnect: { initialDelayMs: 1, maxDelayMs: 5 },
    ...overrides,
  };
}

/** Resolves with the state at the handle's next change for which `predicate` holds; fails after `timeoutMs`. */
export function changed<T extends object>(
  handle: { onChange(listener: (state: Readonly<T>) => void): () => void },
  predicate: (state: Readonly<T>) => boolean = () => true,
  timeoutMs = 3000,
): Promise<Readonly<T>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error("Timed out waiting for a state change."));
    }, timeoutMs);
    const off = handle.onChange((state) => {
      if (!predicate(state)) return;
      clearTimeout(timer);
      off();
      resolve(state);
    });
  });
}

/** Resolves with the handle's next reported error; fails after `timeoutMs`. */
export function nextError(handle: { onError(listener: (error: Error) => void): () => void }, timeoutMs = 3000): Promise<Error> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error("Timed out waiting for an error."));
    }, timeoutMs);
    const off = handle.onError((error) => {
      clearTimeout(timer);
      off();
      resolve(error);
    });
  });
}
