import type { DefaultEvents, RoomDocument, RoomEventOf } from "./bindings.js";
import { ComponentHandle, type ComponentHost } from "./component.js";
import type { JoinedMessage } from "./protocol.js";

/** A member's presence status in a room. */
export type PresenceStatus = "online" | "away";

/** Called with the room's document after every change (patch, resync or new snapshot). */
export type RoomChangeListener<TState> = (document: RoomDocument<TState>) => void;

/**
 * A room this client is in through one or more of its components: its document (shared state, members, live
 * state) kept current from the server's patches — the room is a pseudo-instance, so version gaps resync exactly as a
 * component's state does — and its events.
 */
export class RoomHandle<TState extends object = { readonly [name: string]: unknown }, TEvents = DefaultEvents> {
  /** The instances of this client's components that are in the room. */
  readonly components = new Set<string>();
  private readonly sync: ComponentHandle<RoomDocument<TState>, {}>;
  private readonly eventListeners = new Set<(event: RoomEventOf<TEvents>) => void>();
  private readonly changeListeners = new Set<RoomChangeListener<TState>>();
  private joined = true;
  private wantedStatus: PresenceStatus = "online";
  private readonly host: ComponentHost;

  /** @internal Created by the client when a `joined` message arrives. */
  constructor(
    host: ComponentHost,
    /** The room's name. */
    readonly name: string,
    snapshot: JoinedMessage,
  ) {
    this.host = host;
    this.sync = new ComponentHandle<RoomDocument<TState>, {}>(host, { component: name, actionNames: [] }, undefined, {
      instance: snapshot.roomInstance,
      version: snapshot.version,
      state: snapshot.state,
    }, "mounted");
    this.sync.onChange((document) => {
      for (const listener of [...this.changeListeners]) {
        try {
          listener(document);
        } catch (error) {
          host.logger.error?.("live: a room onChange listener threw.", error);
        }
      }
    });
  }

  /** The whole synced document. */
  get document(): RoomDocument<TState> {
    return this.sync.state as RoomDocument<TState>;
  }

  /** The shared state. */
  get state(): TState {
    return this.document.state;
  }

  /** The members, by user id. */
  get members(): RoomDocument<TState>["members"] {
    return this.document.members;
  }

  /** The live-state entries, by key. */
  get live(): RoomDocument<TState>["live"] {
    return this.document.live;
  }

  /** The document's version. */
  get version(): number {
    return this.sync.version;
  }

  /** The room's pseudo-instance id (patches and resync use it). */
  get instance(): string {
    return this.sync.instance;
  }

  /** False once none of this client's components is in the room any more. */
  get isJoined(): boolean {
    return this.joined;
  }

  /** Subscribes to document changes; returns the unsubscribe function. */
  onChange(listener: RoomChangeListener<TState>): () => void {
    this.changeListeners.add(listener);
    return () => void this.changeListeners.delete(listener);
  }

  /** Subscribes to the room's events (typed by the generated `LiveEvents` map); returns the unsubscribe function. */
  onEvent(listener: (event: RoomEventOf<TEvents>) => void): () => void {
    this.eventListeners.add(listener);
    return () => void this.eventListeners.delete(listener);
  }

  /** Subscribes to one event type; returns the unsubscribe function. */
  on<K extends keyof TEvents & string>(event: K, handler: (data: TEvents[K], from: string | undefined) => void): () => void {
    return this.onEvent((e) => {
      if (e.event === event) handler(e.data as TEvents[K], e.from);
    });
  }

  /**
   * Says whether this connection's user is `"online"` or `"away"` here (a hidden tab, an idle screen) with a `presence`
   * message. The user shows as away only when every one of their connections in the room is away; resolves with the
   * user's resulting status. The wish is kept: after a reconnect the client says `"away"` again by itself.
   * Rejects with `LiveError` (`room_not_joined`) when no component of this client is in the room.
   */
  async setStatus(status: PresenceStatus): Promise<PresenceStatus> {
    if (status !== "online" && status !== "away") throw new TypeError(`A presence status is "online" or "away", not ${JSON.stringify(status)}.`);
    this.wantedStatus = status;
    return this.host.setRoomStatus(this.name, status);
  }

  /** The status this client last asked for with {@link setStatus} (`"online"` until then). */
  get status(): PresenceStatus {
    return this.wantedStatus;
  }

  /** @internal */
  get syncHandle(): ComponentHandle<object, {}> {
    return this.sync as unknown as ComponentHandle<object, {}>;
  }

  /** @internal A fresh snapshot (another component joined, or a re-join after a reconnect). */
  attach(snapshot: JoinedMessage): void {
    const rejoined = !this.joined || this.components.size === 0;
    this.joined = true;
    this.sync.attach({ instance: snapshot.roomInstance, version: snapshot.version, state: snapshot.state }, "mounted");
    // A new connection starts online on the server: say "away" again if that is what this client last said.
    if (rejoined && this.wantedStatus === "away") {
      this.host.setRoomStatus(this.name, "away").catch((error: unknown) => this.host.logger.warn?.("live: re-sending the away status failed.", error));
    }
  }

  /** @internal No component of this client is in the room any more. */
  detach(): void {
    this.joined = false;
    this.components.clear();
  }

  /** @internal */
  emit(event: RoomEventOf<TEvents>, logger: ComponentHost["logger"]): void {
    for (const listener of [...this.eventListeners]) {
      try {
        listener(event);
      } catch (error) {
        logger.error?.("live: a room onEvent listener threw.", error);
      }
    }
  }
}
