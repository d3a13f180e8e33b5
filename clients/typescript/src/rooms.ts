import type { DefaultEvents, RoomBinding, RoomEventOf } from "./bindings.js";
import type { ComponentHandle, ComponentHost } from "./component.js";
import type { EventMessage, JoinedMessage, LeftMessage, ServerMessage } from "./protocol.js";
import { RoomHandle } from "./room.js";

type AnyHandle = ComponentHandle<object, {}>;
type AnyRoom = RoomHandle<object, DefaultEvents>;

/**
 * The rooms a client is in, by name: creates a {@link RoomHandle} on the first `joined`, routes the room's patches
 * (through its pseudo-instance) and events (to the room and to the components that joined it), and forgets a room
 * when its last component left.
 * @internal
 */
export class RoomRegistry {
  private readonly rooms = new Map<string, AnyRoom>();
  private readonly joinedListeners = new Set<(room: AnyRoom) => void>();
  private readonly eventListeners = new Set<(event: RoomEventOf<DefaultEvents>) => void>();

  constructor(
    private readonly host: ComponentHost,
    /** The client's instance routing: component handles and room pseudo-instances. */
    private readonly routes: { get(instance: string): AnyHandle | undefined; route(instance: string, handle: AnyHandle | undefined): void },
  ) {}

  /** Handles a room message; false for any other message. */
  route(message: ServerMessage): boolean {
    switch (message.type) {
      case "joined":
        this.joined(message);
        return true;
      case "left":
        this.left(message);
        return true;
      case "event":
        this.event(message);
        return true;
      default:
        return false;
    }
  }

  get(name: string): AnyRoom | undefined {
    return this.rooms.get(name);
  }

  onJoined(listener: (room: AnyRoom) => void): () => void {
    this.joinedListeners.add(listener);
    return () => void this.joinedListeners.delete(listener);
  }

  onEvent(listener: (event: RoomEventOf<DefaultEvents>) => void): () => void {
    this.eventListeners.add(listener);
    return () => void this.eventListeners.delete(listener);
  }

  joined(message: JoinedMessage): AnyRoom {
    if (typeof message.room !== "string" || typeof message.roomInstance !== "string" || !Number.isSafeInteger(message.version)) {
      throw new TypeError("A 'joined' message lacks room, roomInstance or version.");
    }
    let room = this.rooms.get(message.room);
    const isNew = room === undefined;
    if (room === undefined) {
      room = new RoomHandle<object, DefaultEvents>(this.host, message.room, message);
      this.rooms.set(message.room, room);
    } else {
      if (this.routes.get(room.instance) === room.syncHandle) this.routes.route(room.instance, undefined);
      room.attach(message);
    }
    room.components.add(message.instance);
    this.routes.route(room.instance, room.syncHandle);
    if (isNew) {
      for (const listener of [...this.joinedListeners]) {
        try {
          listener(room);
        } catch (error) {
          this.host.logger.error?.("live: a room-joined listener threw.", error);
        }
      }
    }
    return room;
  }

  left(message: LeftMessage): void {
    const room = this.rooms.get(message.room);
    if (room === undefined) return;
    room.components.delete(message.instance);
    if (room.components.size > 0) return;
    if (this.routes.get(room.instance) === room.syncHandle) this.routes.route(room.instance, undefined);
    room.detach();
    this.rooms.delete(message.room);
  }

  /** The connection dropped: rooms stay known by name (a re-join after reconnect re-attaches them) but hold no components. */
  connectionClosed(): void {
    for (const room of this.rooms.values()) room.components.clear();
  }

  /** The full room name for a binding or a name. */
  static nameOf(room: string | RoomBinding<object, unknown>, key?: string): string {
    return typeof room === "string" ? room : room.name(key);
  }

  private event(message: EventMessage): void {
    if (typeof message.event !== "string") return;
    const event = { room: message.room, event: message.event, data: message.data, from: message.from } as RoomEventOf<DefaultEvents>;
    for (const listener of [...this.eventListeners]) {
      try {
        listener(event);
      } catch (error) {
        this.host.logger.error?.("live: an onEvent listener threw.", error);
      }
    }
    if (message.room === undefined) return;
    const room = this.rooms.get(message.room);
    if (room === undefined) return;
    room.emit(event, this.host.logger);
    for (const instance of room.components) this.routes.get(instance)?.receiveRoomEvent(event);
  }
}
