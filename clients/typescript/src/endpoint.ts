import type { WebSocketConstructor } from "./connection.js";
import { LiveClosedError } from "./errors.js";

/**
 * The URL to open: `http(s)://` becomes `ws(s)://`, a relative URL resolves against `location` (browsers), and a
 * token is added as the `access_token` query parameter (browsers cannot set headers on a WebSocket upgrade).
 */
export function endpointUrl(url: string, accessToken: string | null | undefined): string {
  const location = (globalThis as { location?: { href: string } }).location;
  let result = !/^[a-z][a-z0-9+.-]*:/i.test(url) && location !== undefined ? new URL(url, location.href).href : url;
  result = result.replace(/^http(s?):/i, (_, secure: string) => (secure ? "wss:" : "ws:"));
  if (accessToken) {
    const hash = result.indexOf("#");
    const base = hash < 0 ? result : result.slice(0, hash);
    const fragment = hash < 0 ? "" : result.slice(hash);
    result = `${base}${base.includes("?") ? "&" : "?"}access_token=${encodeURIComponent(accessToken)}${fragment}`;
  }
  return result;
}

/** `globalThis.WebSocket` where there is one (browsers, Node ≥ 22), else the optional peer dependency `ws`. */
export async function resolveWebSocket(): Promise<WebSocketConstructor> {
  const global = (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket;
  if (global !== undefined) return global;
  try {
    // A variable specifier keeps bundlers from pulling `ws` into browser builds.
    const specifier = "ws";
    const module = (await import(/* @vite-ignore */ /* webpackIgnore: true */ specifier)) as {
      WebSocket?: WebSocketConstructor;
      default?: WebSocketConstructor;
    };
    const ctor = module.WebSocket ?? module.default;
    if (ctor === undefined) throw new Error("the module has no WebSocket export");
    return ctor;
  } catch (error) {
    throw new LiveClosedError(
      `No WebSocket implementation: there is no globalThis.WebSocket and the 'ws' package could not be loaded (${String(error)}). ` +
        "Install 'ws' or pass options.WebSocket.",
    );
  }
}
