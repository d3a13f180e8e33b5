import type { ComponentHandle } from "./component.js";
import type { LiveLogger } from "./connection.js";
import type { ServerMessage } from "./protocol.js";
import type { ComponentSnapshot } from "./reconnect.js";
import type { RestoreKind } from "./restore.js";

type AnyHandle = ComponentHandle<object, {}>;

/**
 * The components a client holds and which handle each instance id's messages go to.
 * @internal
 */
export class ComponentRegistry {
  private readonly held = new Set<AnyHandle>();
  private readonly byInstance = new Map<string, AnyHandle>();

  constructor(private readonly logger: LiveLogger) {}

  /** Every held component (a copy: safe to detach while iterating). */
  get handles(): AnyHandle[] {
    return [...this.held];
  }

  /** Holds a newly mounted component and routes its instance to it. */
  add(handle: AnyHandle): void {
    this.held.add(handle);
    this.byInstance.set(handle.instance, handle);
  }

  /** Stops holding and routing to the component. */
  release(handle: AnyHandle): void {
    this.held.delete(handle);
    if (this.byInstance.get(handle.instance) === handle) this.byInstance.delete(handle.instance);
  }

  /** Routes the messages of `instance` to `handle` (`undefined`: to nobody). */
  route(instance: string, handle: AnyHandle | undefined): void {
    if (handle === undefined) this.byInstance.delete(instance);
    else this.byInstance.set(instance, handle);
  }

  /** Forgets every route (the connection they belonged to is gone); the components stay held. */
  clearRoutes(): void {
    this.byInstance.clear();
  }

  /** Attaches a held component to a new instance and routes that instance to it. */
  attach(handle: AnyHandle, snapshot: ComponentSnapshot & { readonly [member: string]: unknown }, kind: RestoreKind): void {
    if (this.byInstance.get(handle.instance) === handle) this.byInstance.delete(handle.instance);
    this.byInstance.set(snapshot.instance, handle);
    handle.attach(snapshot, kind);
  }

  /** Hands a `patch` or `token` message to its component; other unsolicited messages are logged and ignored. */
  dispatch(message: ServerMessage): void {
    if (message.type === "patch") {
      if (typeof message.instance !== "string" || !Number.isSafeInteger(message.version) || !Array.isArray(message.ops)) {
        this.logger.warn?.("live: ignoring a malformed patch message.");
        return;
      }
      this.find(message.instance, "patch")?.receivePatch(message);
    } else if (message.type === "token") {
      if (typeof message.instance !== "string" || !Number.isSafeInteger(message.version) || typeof message.token !== "string" || message.token === "") {
        this.logger.warn?.("live: ignoring a malformed token message.");
        return;
      }
      this.find(message.instance, "token")?.receiveToken(message);
    } else if (message.type !== "error") {
      this.logger.debug?.(`live: ignoring unsolicited '${message.type}' message.`);
    }
  }

  private find(instance: string, what: string): AnyHandle | undefined {
    const handle = this.byInstance.get(instance);
    if (handle === undefined) this.logger.debug?.(`live: ${what} for unknown instance ${instance} ignored.`);
    return handle;
  }
}
