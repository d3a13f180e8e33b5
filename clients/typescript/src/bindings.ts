/**
 * Types for component bindings. The C# source generator emits one `defineComponent` call per component:
 *
 * ```ts
 * export const TodoList = defineComponent<TodoListState, {
 *   add: { args: { text: string }; result: void };
 *   count: { args: {}; result: number };
 * }>("TodoList", ["add", "count"]);
 * ```
 *
 * `client.mount(TodoList)` then infers the state and every action's arguments and result from the binding.
 */

/** One action's wire shape: its arguments object (bound by parameter name) and its result. */
export interface ActionSignature {
  readonly args: object;
  readonly result: unknown;
}

/** An object type mapping action wire names to their signatures. */
export type ActionSignatures<T> = { readonly [K in keyof T]: ActionSignature };

/** Props sent with `mount` when the binding does not declare its own props type. */
export type DefaultProps = { readonly [name: string]: unknown };

/**
 * What `defineComponent` returns. At runtime it holds only the component's wire name and its action names;
 * the state, action and props types ride along in the phantom `~types` member, which is never set.
 */
export interface ComponentBinding<TState, TActions extends ActionSignatures<TActions>, TProps extends object = DefaultProps> {
  /** The component's registered name (the `component` member of `mount`). */
  readonly component: string;
  /** The wire names of the component's public actions. */
  readonly actionNames: readonly (keyof TActions & string)[];
  /** Type carrier only; always `undefined` at runtime. */
  readonly "~types"?: { readonly state: TState; readonly actions: TActions; readonly props: TProps } | undefined;
}

/**
 * Declares a component binding. Generated code calls this; hand-written bindings may too.
 *
 * @param component The component's registered name.
 * @param actionNames Every public action's wire name (used to build `handle.actions`).
 */
export function defineComponent<
  TState extends object,
  TActions extends ActionSignatures<TActions> = {},
  TProps extends object = DefaultProps,
>(component: string, actionNames: readonly (keyof TActions & string)[]): ComponentBinding<TState, TActions, TProps> {
  if (typeof component !== "string" || component.length === 0) throw new TypeError("A component name must be a non-empty string.");
  const names = [...actionNames];
  const duplicate = names.find((name, index) => names.indexOf(name) !== index);
  if (duplicate !== undefined) throw new TypeError(`Action '${duplicate}' is listed twice for component '${component}'.`);
  return Object.freeze({ component, actionNames: Object.freeze(names) });
}

/**
 * The function `handle.actions.x` is for an action: arguments are optional when every argument is
 * (so `actions.count()` works for an action without parameters); the promise resolves with the result
 * after the state already includes the action's change.
 */
export type ActionFunction<S extends ActionSignature> = {} extends S["args"]
  ? (args?: S["args"]) => Promise<S["result"]>
  : (args: S["args"]) => Promise<S["result"]>;

/** The `actions` object of a mounted component. */
export type BoundActions<TActions extends ActionSignatures<TActions>> = {
  readonly [K in keyof TActions]: ActionFunction<TActions[K]>;
};

/** The state type of a binding. */
export type StateOf<B> = B extends ComponentBinding<infer S, infer _A, infer _P> ? S : never;
/** The action signatures of a binding. */
export type ActionsOf<B> = B extends ComponentBinding<infer _S, infer A, infer _P> ? A : never;
/** The props type of a binding. */
export type PropsOf<B> = B extends ComponentBinding<infer _S, infer _A, infer P> ? P : never;

/** One member of a room, as presence reports it. */
export interface RoomMemberInfo {
  readonly userId: string;
  /** The display name (the user's `name` claim, or `Guest xxxx` for an anonymous connection). */
  readonly name: string;
  /** How many of the user's connections are in the room (two tabs: one member, two connections). */
  readonly connections: number;
  readonly status: "online" | "away";
  /** ISO 8601. */
  readonly lastActive: string;
  readonly metadata?: { readonly [name: string]: unknown };
}

/** One live-state entry: the last writer's value, with who wrote it and when. */
export interface LiveStateEntryInfo {
  readonly value: unknown;
  readonly userId: string;
  /** ISO 8601. */
  readonly at: string;
}

/** A room's synced document: its shared state and its presence. */
export interface RoomDocument<TState> {
  readonly state: TState;
  readonly members: { readonly [userId: string]: RoomMemberInfo };
  readonly live: { readonly [key: string]: LiveStateEntryInfo };
}

/** Events by wire name when no generated `LiveEvents` map is given. */
export type DefaultEvents = { readonly [event: string]: unknown };

/** A room event, discriminated by `event` when `TEvents` is a generated `LiveEvents` map. */
export type RoomEventOf<TEvents> = {
  readonly [K in keyof TEvents & string]: {
    /** The room it was sent to (absent for an event sent to all of a user's connections). */
    readonly room: string | undefined;
    readonly event: K;
    readonly data: TEvents[K];
    /** The sender's user id; absent when server code sent it. */
    readonly from: string | undefined;
  };
}[keyof TEvents & string];

/** What `defineRoom` returns: a typed room kind's name, with its state and event types riding along. */
export interface RoomBinding<TState, TEvents = DefaultEvents> {
  /** The room kind's name: rooms named `{kind}` or `{kind}:{key}` are instances. */
  readonly kind: string;
  /** The full room name for `key`. */
  name(key?: string): string;
  /** Type carrier only; always `undefined` at runtime. */
  readonly "~types"?: { readonly state: TState; readonly events: TEvents } | undefined;
}

/** Declares a typed room binding (generated code calls it for every `[LiveRoom]`). */
export function defineRoom<TState extends object, TEvents = DefaultEvents>(kind: string): RoomBinding<TState, TEvents> {
  if (typeof kind !== "string" || kind.length === 0 || kind.includes(":")) throw new TypeError("A room kind must be a non-empty string without ':'.");
  return Object.freeze({ kind, name: (key?: string) => (key === undefined || key === "" ? kind : `${kind}:${key}`) });
}
