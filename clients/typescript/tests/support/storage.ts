// A Storage-like object for the tokenStorage option that records what the client does and can be made to fail.
import type { TokenStorageLike } from "../../src/index.js";

export class TestStorage implements TokenStorageLike {
  readonly items = new Map<string, string>();
  /** Throw from setItem, as a full sessionStorage does (QuotaExceededError). */
  failWrites = false;
  /** Throw from getItem, as storage disabled by the browser's settings does (SecurityError). */
  failReads = false;
  writes = 0;

  getItem(key: string): string | null {
    if (this.failReads) throw new Error("SecurityError: storage is disabled");
    return this.items.get(key) ?? null;
  }

  setItem(key: string, value: string): void {
    if (this.failWrites) throw new Error("QuotaExceededError: the quota has been exceeded");
    this.writes++;
    this.items.set(key, value);
  }

  removeItem(key: string): void {
    this.items.delete(key);
  }

  /** The version of the token stored under `key`, or undefined. */
  version(key: string): number | undefined {
    const raw = this.items.get(key);
    return raw === undefined ? undefined : (JSON.parse(raw) as { version: number }).version;
  }

  /** The token stored under `key`, or undefined. */
  token(key: string): string | undefined {
    const raw = this.items.get(key);
    return raw === undefined ? undefined : (JSON.parse(raw) as { token: string }).token;
  }

  /** Stores a token the way the client does (what a previous page left behind). */
  putToken(key: string, token: string): void {
    this.items.set(key, JSON.stringify({ v: 1, token, version: 0 }));
  }
}
