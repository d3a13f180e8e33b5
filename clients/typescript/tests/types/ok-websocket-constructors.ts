// Must compile: the browser's WebSocket (DOM lib) and the `ws` package's both fit the WebSocket option.
import { WebSocket as NodeWebSocket } from "ws";
import { LiveClient, type WebSocketConstructor } from "../../src/index.js";

export const browser = new LiveClient("/live", { WebSocket: globalThis.WebSocket });
export const node = new LiveClient("ws://localhost:5000/live", { WebSocket: NodeWebSocket });
export const ctor: WebSocketConstructor = NodeWebSocket;
