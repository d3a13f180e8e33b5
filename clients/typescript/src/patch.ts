/**
 * RFC 6902 JSON Patch, applied immutably with structural sharing.
 *
 * `applyPatch(document, ops)` never mutates `document` or the operations. It returns a new document in which
 * every object/array on the path of a change is a fresh copy and every untouched subtree is shared with the
 * input. So `next !== previous` whenever anything changed, and a UI framework comparing references
 * (React, Vue's shallowRef, Svelte, Solid, memo selectors) sees exactly the subtrees that changed.
 *
 * A patch is atomic: if any operation fails, a {@link JsonPatchError} is thrown and the caller's
 * document is unchanged (RFC 6902 §5). Within one patch a container is copied at most once, so a patch
 * with many operations on one large array costs one copy of that array, not one per operation.
 */

/** Any JSON value. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [member: string]: JsonValue };

/** One RFC 6902 operation. */
export type PatchOperation =
  | { readonly op: "add"; readonly path: string; readonly value: unknown }
  | { readonly op: "remove"; readonly path: string }
  | { readonly op: "replace"; readonly path: string; readonly value: unknown }
  | { readonly op: "move"; readonly from: string; readonly path: string }
  | { readonly op: "copy"; readonly from: string; readonly path: string }
  | { readonly op: "test"; readonly path: string; readonly value: unknown };

/** Why a patch could not be applied. */
export type JsonPatchErrorCode =
  /** The operation object is malformed (unknown `op`, missing `path`/`from`/`value`, moving into itself…). */
  | "invalid_operation"
  /** A path is not a valid RFC 6901 JSON Pointer, or an array index token is malformed. */
  | "invalid_pointer"
  /** A location the operation needs does not exist (missing member, index out of range, not a container). */
  | "path_not_found"
  /** A `test` operation found a different value. */
  | "test_failed";

export class JsonPatchError extends Error {
  override readonly name: string = "JsonPatchError";
  readonly code: JsonPatchErrorCode;
  /** Index of the failing operation in the patch document. */
  readonly operationIndex: number;

  constructor(code: JsonPatchErrorCode, message: string, operationIndex: number) {
    super(`Operation ${operationIndex}: ${message}`);
    this.code = code;
    this.operationIndex = operationIndex;
  }
}

/** Parses an RFC 6901 JSON Pointer into its unescaped reference tokens (`""` → `[]`). */
export function parsePointer(pointer: string): string[] {
  if (pointer === "") return [];
  if (pointer[0] !== "/") throw new PointerError(`JSON Pointer '${pointer}' must be empty or start with '/'.`);
  return pointer
    .slice(1)
    .split("/")
    .map((token) => {
      if (/~(?![01])/.test(token)) throw new PointerError(`JSON Pointer '${pointer}' has an invalid '~' escape.`);
      // RFC 6901 §4: '~1' first, then '~0', so "~01" decodes to "~1" and not to "/".
      return token.replace(/~1/g, "/").replace(/~0/g, "~");
    });
}

/** Formats reference tokens as an RFC 6901 JSON Pointer (`[]` → `""`). */
export function formatPointer(tokens: readonly (string | number)[]): string {
  return tokens.map((t) => "/" + String(t).replace(/~/g, "~0").replace(/\//g, "~1")).join("");
}

/** Reads the value at `pointer`, or `undefined` when nothing is there. Throws only for a malformed pointer. */
export function getByPointer(document: unknown, pointer: string): unknown {
  let current: unknown = document;
  for (const token of parsePointer(pointer)) {
    const next = child(current, token);
    if (next === MISSING) return undefined;
    current = next;
  }
  return current;
}

/**
 * Applies `operations` to `document` and returns the new document; see the module comment for the
 * sharing and atomicity guarantees. Returns `document` itself when the patch is empty or only tests.
 */
export function applyPatch<T>(document: T, operations: readonly PatchOperation[]): T {
  const draft = new Draft(document);
  operations.forEach((operation, index) => {
    try {
      draft.apply(operation);
    } catch (error) {
      if (error instanceof PatchFailure) throw new JsonPatchError(error.code, error.message, index);
      throw error;
    }
  });
  return draft.root as T;
}

/** Compares two JSON values structurally (member order of objects does not matter). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => jsonEqual(item, b[i]));
  }
  if (Array.isArray(b)) return false;
  const aKeys = Object.keys(a);
  if (aKeys.length !== Object.keys(b).length) return false;
  return aKeys.every(
    (key) => hasOwn(b, key) && jsonEqual((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]),
  );
}

// ---------------------------------------------------------------------------------------------------------------

const MISSING: unique symbol = Symbol("missing");
const ARRAY_INDEX = /^(0|[1-9][0-9]*)$/;

class PatchFailure extends Error {
  constructor(
    readonly code: JsonPatchErrorCode,
    message: string,
  ) {
    super(message);
  }
}

class PointerError extends PatchFailure {
  constructor(message: string) {
    super("invalid_pointer", message);
  }
}

type Container = Record<string, unknown> | unknown[];

function hasOwn(target: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(target, key);
}

function isContainer(value: unknown): value is Container {
  return typeof value === "object" && value !== null;
}

function child(container: unknown, token: string): unknown {
  if (Array.isArray(container)) {
    if (!ARRAY_INDEX.test(token)) return MISSING;
    const index = Number(token);
    return index < container.length ? container[index] : MISSING;
  }
  if (isContainer(container)) return hasOwn(container, token) ? (container as Record<string, unknown>)[token] : MISSING;
  return MISSING;
}

function setMember(target: Record<string, unknown>, key: string, value: unknown): void {
  // Plain assignment to "__proto__" would change the prototype instead of creating a member.
  if (key === "__proto__") Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
  else target[key] = value;
}

function arrayIndex(array: unknown[], token: string, pointer: string, allowEnd: boolean): number {
  if (allowEnd && token === "-") return array.length;
  if (!ARRAY_INDEX.test(token)) throw new PointerError(`'${token}' in '${pointer}' is not an array index.`);
  const index = Number(token);
  const limit = allowEnd ? array.length : array.length - 1;
  if (index > limit) throw new PatchFailure("path_not_found", `Index ${index} in '${pointer}' is out of range (length ${array.length}).`);
  return index;
}

function requireString(operation: Record<string, unknown>, member: "path" | "from"): string {
  const value = operation[member];
  if (typeof value !== "string") throw new PatchFailure("invalid_operation", `'${member}' must be a string.`);
  return value;
}

function requireValue(operation: Record<string, unknown>): unknown {
  if (!hasOwn(operation, "value") || operation["value"] === undefined) {
    throw new PatchFailure("invalid_operation", `'${String(operation["op"])}' needs a 'value'.`);
  }
  return operation["value"];
}

function deepClone(value: unknown): unknown {
  if (!isContainer(value)) return value;
  if (Array.isArray(value)) return value.map(deepClone);
  const source = value as Record<string, unknown>;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(source)) setMember(copy, key, deepClone(source[key]));
  return copy;
}

/**
 * The document being patched. Containers copied during this patch are recorded in `owned` and then
 * mutated in place by later operations; everything else is copied before it is written.
 */
class Draft {
  private readonly owned = new WeakSet<object>();

  constructor(public root: unknown) {}

  apply(operation: PatchOperation): void {
    if (!isContainer(operation) || Array.isArray(operation)) throw new PatchFailure("invalid_operation", "An operation must be an object.");
    const raw = operation as unknown as Record<string, unknown>;
    const path = requireString(raw, "path");
    switch (raw["op"]) {
      case "add":
        this.add(path, requireValue(raw));
        return;
      case "remove":
        this.remove(path);
        return;
      case "replace":
        this.replace(path, requireValue(raw));
        return;
      case "move": {
        const from = requireString(raw, "from");
        if (path.startsWith(from + "/")) throw new PatchFailure("invalid_operation", `Cannot move '${from}' into its own child '${path}'.`);
        if (from === path) {
          this.get(from);
          return;
        }
        this.add(path, this.remove(from));
        return;
      }
      case "copy": {
        // Deep-copied so the copy never aliases a container this draft may later mutate in place.
        this.add(path, deepClone(this.get(requireString(raw, "from"))));
        return;
      }
      case "test": {
        const expected = requireValue(raw);
        if (!jsonEqual(this.get(path), expected)) throw new PatchFailure("test_failed", `The value at '${path}' is not the expected value.`);
        return;
      }
      default:
        throw new PatchFailure("invalid_operation", `Unknown op '${String(raw["op"])}'.`);
    }
  }

  private get(pointer: string): unknown {
    let current = this.root;
    for (const token of parsePointer(pointer)) {
      if (Array.isArray(current) && !ARRAY_INDEX.test(token)) throw new PointerError(`'${token}' in '${pointer}' is not an array index.`);
      const next = child(current, token);
      if (next === MISSING) throw new PatchFailure("path_not_found", `'${pointer}' does not exist.`);
      current = next;
    }
    return current;
  }

  private add(pointer: string, value: unknown): void {
    const tokens = parsePointer(pointer);
    if (tokens.length === 0) {
      this.root = value;
      return;
    }
    const { parent, last } = this.parentOf(tokens, pointer);
    if (Array.isArray(parent)) parent.splice(arrayIndex(parent, last, pointer, true), 0, value);
    else setMember(parent, last, value);
  }

  private remove(pointer: string): unknown {
    const tokens = parsePointer(pointer);
    if (tokens.length === 0) throw new PatchFailure("invalid_operation", "Cannot remove the whole document.");
    const { parent, last } = this.parentOf(tokens, pointer);
    if (Array.isArray(parent)) return parent.splice(arrayIndex(parent, last, pointer, false), 1)[0];
    if (!hasOwn(parent, last)) throw new PatchFailure("path_not_found", `'${pointer}' does not exist.`);
    const removed = parent[last];
    delete parent[last];
    return removed;
  }

  private replace(pointer: string, value: unknown): void {
    const tokens = parsePointer(pointer);
    if (tokens.length === 0) {
      this.root = value;
      return;
    }
    const { parent, last } = this.parentOf(tokens, pointer);
    if (Array.isArray(parent)) parent[arrayIndex(parent, last, pointer, false)] = value;
    else if (!hasOwn(parent, last)) throw new PatchFailure("path_not_found", `'${pointer}' does not exist.`);
    else setMember(parent, last, value);
  }

  /** Walks to the container holding the pointer's last token, copying (owning) each container on the way. */
  private parentOf(tokens: readonly string[], pointer: string): { parent: Container; last: string } {
    if (!isContainer(this.root)) throw new PatchFailure("path_not_found", `'${pointer}' does not exist: the document is not a container.`);
    let parent = this.own(this.root);
    this.root = parent;
    for (let i = 0; i < tokens.length - 1; i++) {
      const token = tokens[i]!;
      if (Array.isArray(parent) && !ARRAY_INDEX.test(token)) throw new PointerError(`'${token}' in '${pointer}' is not an array index.`);
      const next = child(parent, token);
      if (!isContainer(next)) throw new PatchFailure("path_not_found", `'${formatPointer(tokens.slice(0, i + 1))}' does not exist or is not a container.`);
      const owned = this.own(next);
      if (Array.isArray(parent)) parent[Number(token)] = owned;
      else setMember(parent, token, owned);
      parent = owned;
    }
    return { parent, last: tokens[tokens.length - 1]! };
  }

  private own(container: Container): Container {
    if (this.owned.has(container)) return container;
    let copy: Container;
    if (Array.isArray(container)) copy = container.slice();
    else {
      copy = {};
      for (const key of Object.keys(container)) setMember(copy, key, container[key]);
    }
    this.owned.add(copy);
    return copy;
  }
}
