import type { LiveLogger } from "./connection.js";

/** The part of the Web Storage API the client uses; `sessionStorage`, `localStorage` or your own object fit. */
export interface TokenStorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/**
 * Where the client keeps each component's newest signed state token:
 * - `"session"` (default): `sessionStorage`, so a page reload rehydrates; falls back to `"memory"` where there is
 *   no usable `sessionStorage` (Node, some sandboxed iframes);
 * - `"memory"`: only in this client, so a reconnect rehydrates but a reload mounts afresh;
 * - `"none"`: tokens are not kept at all and the client never rehydrates (resume still works);
 * - a {@link TokenStorageLike} object of your own (e.g. `localStorage`, shared by every tab).
 */
export type TokenStorageOption = "session" | "memory" | "none" | TokenStorageLike;

/** Prefix of every storage key the client writes. */
export const TOKEN_KEY_PREFIX = "live:token:";

/**
 * The shape of a stored entry: `v` lets a later client tell its own format from an older one; `version` is the
 * state version the token covers (informational: the server reads it from the token).
 */
interface StoredToken {
  readonly v: 1;
  readonly token: string;
  readonly version: number;
}

/**
 * Keeps the newest signed state token per component + props in a {@link TokenStorageLike}. Storage failures
 * (quota exceeded, storage disabled) and corrupted entries are logged and treated as "no token": a token is an
 * optimisation of reconnecting, never a reason for a mount to fail.
 * @internal
 */
export class TokenStore {
  private warnedWrite = false;

  private constructor(
    private readonly storage: TokenStorageLike | undefined,
    private readonly logger: LiveLogger,
  ) {}

  /** Resolves the option (default `"session"`); throws `TypeError` for a value that is none of the choices. */
  static create(option: TokenStorageOption | undefined, logger: LiveLogger): TokenStore {
    if (option === undefined || option === "session") return new TokenStore(sessionStorageOrUndefined() ?? new MemoryStorage(), logger);
    if (option === "memory") return new TokenStore(new MemoryStorage(), logger);
    if (option === "none") return new TokenStore(undefined, logger);
    if (
      typeof option === "object" &&
      option !== null &&
      typeof option.getItem === "function" &&
      typeof option.setItem === "function" &&
      typeof option.removeItem === "function"
    ) {
      return new TokenStore(option, logger);
    }
    throw new TypeError('tokenStorage must be "session", "memory", "none" or an object with getItem, setItem and removeItem.');
  }

  /** False for `"none"`: the client then ignores tokens entirely. */
  get enabled(): boolean {
    return this.storage !== undefined;
  }

  /** The stored token for this component and props, or undefined (none, unreadable or corrupted). */
  load(component: string, props: object | undefined): string | undefined {
    if (this.storage === undefined) return undefined;
    const key = tokenKey(component, props);
    let raw: string | null;
    try {
      raw = this.storage.getItem(key);
    } catch (error) {
      this.logger.warn?.(`live: could not read the stored token of ${component}; mounting afresh.`, error);
      return undefined;
    }
    if (raw === null) return undefined;
    const token = parseStored(raw);
    if (token === undefined) {
      this.logger.warn?.(`live: the stored token of ${component} is corrupted; removing it.`);
      this.remove(component, props);
    }
    return token;
  }

  save(component: string, props: object | undefined, token: string, version: number): void {
    if (this.storage === undefined) return;
    const value: StoredToken = { v: 1, token, version };
    try {
      this.storage.setItem(tokenKey(component, props), JSON.stringify(value));
    } catch (error) {
      // Typically QuotaExceededError. The token stays in memory for reconnects; only a reload loses it.
      if (!this.warnedWrite) this.logger.warn?.(`live: could not store the token of ${component}; a page reload will mount afresh.`, error);
      this.warnedWrite = true;
      this.remove(component, props); // An older token left behind would rehydrate an older state.
    }
  }

  remove(component: string, props: object | undefined): void {
    if (this.storage === undefined) return;
    try {
      this.storage.removeItem(tokenKey(component, props));
    } catch (error) {
      this.logger.debug?.(`live: could not remove the stored token of ${component}.`, error);
    }
  }
}

/** The storage key: the component name and its props as canonical JSON (object members sorted). */
export function tokenKey(component: string, props: object | undefined): string {
  return props === undefined ? `${TOKEN_KEY_PREFIX}${component}` : `${TOKEN_KEY_PREFIX}${component}:${canonicalJson(props)}`;
}

function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, member: unknown) => {
    if (member === null || typeof member !== "object" || Array.isArray(member)) return member;
    const sorted: Record<string, unknown> = {};
    for (const name of Object.keys(member).sort()) sorted[name] = (member as Record<string, unknown>)[name];
    return sorted;
  });
}

function parseStored(raw: string): string | undefined {
  try {
    const value = JSON.parse(raw) as Partial<StoredToken> | null;
    if (typeof value === "object" && value !== null && value.v === 1 && typeof value.token === "string" && value.token.length > 0) {
      return value.token;
    }
  } catch {
    // Not JSON: corrupted.
  }
  return undefined;
}

/** `globalThis.sessionStorage` when present and usable; reading it throws in some sandboxed contexts. */
function sessionStorageOrUndefined(): TokenStorageLike | undefined {
  try {
    const storage = (globalThis as { sessionStorage?: TokenStorageLike }).sessionStorage;
    return storage !== undefined && storage !== null && typeof storage.getItem === "function" ? storage : undefined;
  } catch {
    return undefined;
  }
}

/** A {@link TokenStorageLike} in a Map: lives as long as the client. */
class MemoryStorage implements TokenStorageLike {
  private readonly items = new Map<string, string>();

  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }

  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }

  removeItem(key: string): void {
    this.items.delete(key);
  }
}
