// Must compile: correct use of a generated binding gives full inference.
import { defineComponent, LiveClient, type ComponentHandle, type RestoreEvent, type RestoreKind, type StateOf } from "../../src/index.js";
import { TodoList, type Todo, type TodoListState } from "../fixtures/todo-list.js";

export async function ok(client: LiveClient): Promise<void> {
  const todo = await client.mount(TodoList, { listId: "x" });
  const state: Readonly<TodoListState> = todo.state;
  const todos: readonly Todo[] = todo.state.todos;
  const filter: string = state.filter;
  const off: () => void = todo.onChange((s) => void s.todos.map((t) => t.text.toUpperCase()));
  off();
  const added: void = await todo.actions.add({ text: "milk" });
  await todo.actions.toggle({ id: todos[0]?.id ?? "" });
  const count: number = await todo.actions.count();
  const count2: number = await todo.actions.count({});
  const handle: ComponentHandle<TodoListState, { count: { args: {}; result: number } }> | undefined = undefined;
  const fromBinding: StateOf<typeof TodoList> = todo.state;
  void [added, count, count2, filter, handle, fromBinding];
  await todo.unmount();
  await (await client.mount(TodoList)).unmount();
  await client.close();
}

// Optional parameters, typed props and an action-less component.
const Room = defineComponent<{ users: string[] }, {
  join: { args: { name: string; color?: string }; result: boolean };
  ping: { args: { at?: number }; result: void };
}, { roomId: string }>("Room", ["join", "ping"]);

export async function okRoom(client: LiveClient): Promise<void> {
  const room = await client.mount(Room, { roomId: "r1" });
  const joined: boolean = await room.actions.join({ name: "ann" });
  await room.actions.join({ name: "bob", color: "red" });
  await room.actions.ping();
  const users: readonly string[] = room.state.users;
  const Static = defineComponent<{ n: number }>("Static", []);
  const s = await client.mount(Static);
  const n: number = s.state.n;
  void [joined, users, n];
}

// Options: console is a logger; reconnect can be off or tuned; tokens in any Storage-like object or a named place.
export const withOptions = new LiveClient("ws://localhost:5000/live", {
  logger: console,
  accessTokenFactory: async () => "token",
  reconnect: { initialDelayMs: 250, maxDelayMs: 10_000, maxAttempts: Infinity },
  requestTimeoutMs: 5_000,
  tokenStorage: localStorage,
});
export const withoutReconnect = new LiveClient("/live", { reconnect: false, tokenStorage: "none" });
export const inMemory = new LiveClient("/live", { tokenStorage: "memory" });
const mapStorage = new Map<string, string>();
export const custom = new LiveClient("/live", {
  tokenStorage: { getItem: (k) => mapStorage.get(k) ?? null, setItem: (k, v) => void mapStorage.set(k, v), removeItem: (k) => void mapStorage.delete(k) },
});

// Restore outcomes, on the client (every mount and reconnect) and per handle (reconnects).
export const offRestore: () => void = withOptions.onRestore((kind, event) => {
  const k: "resumed" | "rehydrated" | "mounted" = kind;
  const failed: readonly ("resume" | "rehydrate")[] = event.failures.map((f) => f.step);
  const instance: string = event.handle.instance;
  void [k, failed, instance, event.previousInstance, event.component, event.props];
});
export async function okRestore(client: LiveClient): Promise<void> {
  const todo = await client.mount(TodoList);
  const how: RestoreKind = todo.restoredBy;
  const off: () => void = todo.onRestore((kind, event: RestoreEvent) => void [kind, event.instance, event.failures.length]);
  void [how, off];
}
export const offStatus: () => void = withOptions.onStatus((status, event) => {
  const s: "connecting" | "open" | "reconnecting" | "closed" = status;
  void [s, event.closeCode, event.closeReason];
});
