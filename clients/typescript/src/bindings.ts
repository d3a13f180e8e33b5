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
