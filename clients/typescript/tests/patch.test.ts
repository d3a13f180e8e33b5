import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { applyPatch, formatPointer, getByPointer, JsonPatchError, parsePointer, type PatchOperation } from "../src/patch.js";

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

/** Applies to a deep-frozen input, so any in-place mutation of the input throws. */
function apply(document: unknown, ops: PatchOperation[]): unknown {
  return applyPatch(deepFreeze(structuredClone(document)), ops);
}

function rejects(document: unknown, ops: PatchOperation[], code: string, operationIndex = 0): void {
  assert.throws(
    () => apply(document, ops),
    (error: unknown) => error instanceof JsonPatchError && error.code === code && error.operationIndex === operationIndex,
  );
}

describe("JSON Pointer", () => {
  test("parses the root, nested tokens and escapes", () => {
    assert.deepEqual(parsePointer(""), []);
    assert.deepEqual(parsePointer("/"), [""]);
    assert.deepEqual(parsePointer("/a~1b/m~0n/~01"), ["a/b", "m~n", "~1"]);
  });

  test("rejects pointers without a leading slash and bad escapes", () => {
    assert.throws(() => parsePointer("a/b"));
    assert.throws(() => parsePointer("/a~2"));
    assert.throws(() => parsePointer("/a~"));
  });

  test("formats tokens with escapes and round-trips", () => {
    assert.equal(formatPointer(["a/b", "m~n", 0]), "/a~1b/m~0n/0");
    assert.deepEqual(parsePointer(formatPointer(["~1", "/", ""])), ["~1", "/", ""]);
  });

  test("RFC 6901 §5 examples", () => {
    const doc = { foo: ["bar", "baz"], "": 0, "a/b": 1, "c%d": 2, "e^f": 3, "g|h": 4, "i\\j": 5, 'k"l': 6, " ": 7, "m~n": 8 };
    assert.equal(getByPointer(doc, ""), doc);
    assert.deepEqual(getByPointer(doc, "/foo"), ["bar", "baz"]);
    assert.equal(getByPointer(doc, "/foo/0"), "bar");
    assert.equal(getByPointer(doc, "/"), 0);
    assert.equal(getByPointer(doc, "/a~1b"), 1);
    assert.equal(getByPointer(doc, "/c%d"), 2);
    assert.equal(getByPointer(doc, "/e^f"), 3);
    assert.equal(getByPointer(doc, "/g|h"), 4);
    assert.equal(getByPointer(doc, "/i\\j"), 5);
    assert.equal(getByPointer(doc, '/k"l'), 6);
    assert.equal(getByPointer(doc, "/ "), 7);
    assert.equal(getByPointer(doc, "/m~0n"), 8);
    assert.equal(getByPointer(doc, "/foo/2"), undefined);
    assert.equal(getByPointer(doc, "/foo/01"), undefined);
  });
});

describe("add", () => {
  test("adds an object member (A.1)", () => {
    assert.deepEqual(apply({ foo: "bar" }, [{ op: "add", path: "/baz", value: "qux" }]), { foo: "bar", baz: "qux" });
  });
  test("inserts into an array (A.2)", () => {
    assert.deepEqual(apply({ foo: ["bar", "baz"] }, [{ op: "add", path: "/foo/1", value: "qux" }]), { foo: ["bar", "qux", "baz"] });
  });
  test("appends with '-' and at index == length", () => {
    assert.deepEqual(apply({ a: [1] }, [{ op: "add", path: "/a/-", value: 2 }, { op: "add", path: "/a/2", value: 3 }]), { a: [1, 2, 3] });
  });
  test("adds a nested member object (A.10)", () => {
    assert.deepEqual(apply({ foo: "bar" }, [{ op: "add", path: "/child", value: { grandchild: {} } }]), {
      foo: "bar",
      child: { grandchild: {} },
    });
  });
  test("replaces an existing member", () => {
    assert.deepEqual(apply({ a: 1 }, [{ op: "add", path: "/a", value: 2 }]), { a: 2 });
  });
  test("adds an array value whole (A.16)", () => {
    assert.deepEqual(apply({ foo: ["bar"] }, [{ op: "add", path: "/foo/-", value: ["abc", "def"] }]), { foo: ["bar", ["abc", "def"]] });
  });
  test("replaces the whole document at ''", () => {
    assert.deepEqual(apply({ a: 1 }, [{ op: "add", path: "", value: [1] }]), [1]);
  });
  test("adds a null value", () => {
    assert.deepEqual(apply({}, [{ op: "add", path: "/a", value: null }]), { a: null });
  });
  test("fails when the parent is missing (A.12)", () => {
    rejects({ foo: "bar" }, [{ op: "add", path: "/baz/bat", value: "qux" }], "path_not_found");
  });
  test("fails past the end of an array", () => {
    rejects({ a: [1] }, [{ op: "add", path: "/a/2", value: 2 }], "path_not_found");
  });
  test("fails for non-numeric and leading-zero array indexes", () => {
    rejects({ a: [1] }, [{ op: "add", path: "/a/x", value: 2 }], "invalid_pointer");
    rejects({ a: [1, 2] }, [{ op: "add", path: "/a/01", value: 2 }], "invalid_pointer");
  });
  test("fails without a value", () => {
    rejects({}, [{ op: "add", path: "/a" } as unknown as PatchOperation], "invalid_operation");
  });
  test("adds a '__proto__' member as data, without touching any prototype", () => {
    const result = apply({}, [{ op: "add", path: "/__proto__", value: { polluted: true } }]) as Record<string, unknown>;
    assert.equal(Object.getPrototypeOf(result), Object.prototype);
    assert.deepEqual(Object.keys(result), ["__proto__"]);
    assert.equal(({} as Record<string, unknown>)["polluted"], undefined);
  });
  test("uses escaped member names", () => {
    assert.deepEqual(apply({}, [{ op: "add", path: "/a~1b", value: 1 }, { op: "add", path: "/c~0d", value: 2 }]), { "a/b": 1, "c~d": 2 });
  });
});

describe("remove", () => {
  test("removes an object member (A.3)", () => {
    assert.deepEqual(apply({ baz: "qux", foo: "bar" }, [{ op: "remove", path: "/baz" }]), { foo: "bar" });
  });
  test("removes an array element (A.4)", () => {
    assert.deepEqual(apply({ foo: ["bar", "qux", "baz"] }, [{ op: "remove", path: "/foo/1" }]), { foo: ["bar", "baz"] });
  });
  test("fails for a missing member or index", () => {
    rejects({ a: 1 }, [{ op: "remove", path: "/b" }], "path_not_found");
    rejects({ a: [1] }, [{ op: "remove", path: "/a/1" }], "path_not_found");
    rejects({ a: [1] }, [{ op: "remove", path: "/a/-" }], "invalid_pointer");
  });
  test("does not remove inherited members", () => {
    rejects({}, [{ op: "remove", path: "/toString" }], "path_not_found");
  });
  test("refuses to remove the whole document", () => {
    rejects({ a: 1 }, [{ op: "remove", path: "" }], "invalid_operation");
  });
});

describe("replace", () => {
  test("replaces a value (A.5)", () => {
    assert.deepEqual(apply({ baz: "qux", foo: "bar" }, [{ op: "replace", path: "/baz", value: "boo" }]), { baz: "boo", foo: "bar" });
  });
  test("replaces an array element and the root", () => {
    assert.deepEqual(apply({ a: [1, 2] }, [{ op: "replace", path: "/a/1", value: 3 }]), { a: [1, 3] });
    assert.deepEqual(apply({ a: 1 }, [{ op: "replace", path: "", value: { b: 2 } }]), { b: 2 });
  });
  test("fails for a missing target", () => {
    rejects({ a: 1 }, [{ op: "replace", path: "/b", value: 1 }], "path_not_found");
    rejects({ a: [] }, [{ op: "replace", path: "/a/0", value: 1 }], "path_not_found");
  });
});

describe("move", () => {
  test("moves a value (A.6)", () => {
    const doc = { foo: { bar: "baz", waldo: "fred" }, qux: { corge: "grault" } };
    assert.deepEqual(apply(doc, [{ op: "move", from: "/foo/waldo", path: "/qux/thud" }]), {
      foo: { bar: "baz" },
      qux: { corge: "grault", thud: "fred" },
    });
  });
  test("moves an array element (A.7)", () => {
    assert.deepEqual(apply({ foo: ["all", "grass", "cows", "eat"] }, [{ op: "move", from: "/foo/1", path: "/foo/3" }]), {
      foo: ["all", "cows", "eat", "grass"],
    });
  });
  test("moving to the same place changes nothing", () => {
    assert.deepEqual(apply({ a: 1 }, [{ op: "move", from: "/a", path: "/a" }]), { a: 1 });
  });
  test("fails to move into its own child, or from a missing location", () => {
    rejects({ a: { b: {} } }, [{ op: "move", from: "/a", path: "/a/b/c" }], "invalid_operation");
    rejects({ a: 1 }, [{ op: "move", from: "/x", path: "/y" }], "path_not_found");
    rejects({ a: 1 }, [{ op: "move", path: "/y" } as unknown as PatchOperation], "invalid_operation");
  });
});

describe("copy", () => {
  test("copies a value", () => {
    assert.deepEqual(apply({ a: { b: 1 } }, [{ op: "copy", from: "/a", path: "/c" }]), { a: { b: 1 }, c: { b: 1 } });
  });
  test("a copy does not alias its source when a later op changes the source", () => {
    const result = apply({ a: { b: 1 } }, [
      { op: "replace", path: "/a/b", value: 2 },
      { op: "copy", from: "/a", path: "/c" },
      { op: "replace", path: "/a/b", value: 3 },
    ]);
    assert.deepEqual(result, { a: { b: 3 }, c: { b: 2 } });
  });
  test("fails from a missing location", () => {
    rejects({}, [{ op: "copy", from: "/x", path: "/y" }], "path_not_found");
  });
});

describe("test", () => {
  test("passes for equal values, including objects in any member order (A.8, A.14)", () => {
    const doc = { baz: "qux", foo: ["a", 2, "c"], "/": 9, "~1": 10, o: { x: 1, y: [true, null] } };
    const ops: PatchOperation[] = [
      { op: "test", path: "/baz", value: "qux" },
      { op: "test", path: "/foo/1", value: 2 },
      { op: "test", path: "/~01", value: 10 },
      { op: "test", path: "/~1", value: 9 },
      { op: "test", path: "/o", value: { y: [true, null], x: 1 } },
    ];
    assert.deepEqual(apply(doc, ops), doc);
  });
  test("fails for a different value (A.9, A.15)", () => {
    rejects({ baz: "qux" }, [{ op: "test", path: "/baz", value: "bar" }], "test_failed");
    rejects({ "/": 9, "~1": 10 }, [{ op: "test", path: "/~01", value: "10" }], "test_failed");
    rejects({ a: [1, 2] }, [{ op: "test", path: "/a", value: [2, 1] }], "test_failed");
    rejects({ a: {} }, [{ op: "test", path: "/a", value: [] }], "test_failed");
  });
  test("fails for a missing location", () => {
    rejects({}, [{ op: "test", path: "/a", value: null }], "path_not_found");
  });
});

describe("patch documents", () => {
  test("applies operations in order, each to the previous result", () => {
    const result = apply({ todos: [] }, [
      { op: "add", path: "/todos/-", value: { id: "1", text: "milk", done: false } },
      { op: "replace", path: "/todos/0/done", value: true },
      { op: "test", path: "/todos/0/done", value: true },
    ]);
    assert.deepEqual(result, { todos: [{ id: "1", text: "milk", done: true }] });
  });

  test("is atomic: a failing operation leaves the input untouched and reports its index", () => {
    const doc = { a: 1, list: [1, 2] };
    const ops: PatchOperation[] = [
      { op: "replace", path: "/a", value: 2 },
      { op: "remove", path: "/list/0" },
      { op: "test", path: "/a", value: 1 },
    ];
    rejects(doc, ops, "test_failed", 2);
    assert.deepEqual(doc, { a: 1, list: [1, 2] });
  });

  test("rejects unknown ops and non-object operations", () => {
    rejects({}, [{ op: "merge", path: "/a" } as unknown as PatchOperation], "invalid_operation");
    rejects({}, [null as unknown as PatchOperation], "invalid_operation");
    rejects({}, [{ op: "add", value: 1 } as unknown as PatchOperation], "invalid_operation");
  });

  test("an empty patch returns the same document", () => {
    const doc = { a: 1 };
    assert.equal(applyPatch(doc, []), doc);
  });

  test("the ignored-member example (A.11) applies", () => {
    assert.deepEqual(apply({ foo: "bar" }, [{ op: "add", path: "/baz", value: "qux", xyz: 123 } as PatchOperation]), {
      foo: "bar",
      baz: "qux",
    });
  });
});

describe("immutability and structural sharing", () => {
  test("returns new containers along the changed path and shares the rest", () => {
    const doc = deepFreeze({ todos: [{ id: "1", done: false }, { id: "2", done: false }], meta: { n: 1 } });
    const next = applyPatch(doc, [{ op: "replace", path: "/todos/1/done", value: true }]);
    assert.notEqual(next, doc);
    assert.notEqual(next.todos, doc.todos);
    assert.notEqual(next.todos[1], doc.todos[1]);
    assert.equal(next.todos[0], doc.todos[0]);
    assert.equal(next.meta, doc.meta);
    assert.equal(doc.todos[1]!.done, false);
  });

  test("copies a container once per patch, however many operations touch it", () => {
    const doc = deepFreeze({ list: [0, 1, 2] });
    const next = applyPatch(doc, [
      { op: "add", path: "/list/-", value: 3 },
      { op: "remove", path: "/list/0" },
      { op: "replace", path: "/list/0", value: 9 },
    ]);
    assert.deepEqual(next, { list: [9, 2, 3] });
    assert.deepEqual(doc, { list: [0, 1, 2] });
  });

  test("never mutates the operations' values", () => {
    const value = deepFreeze({ nested: { n: 1 } });
    const next = applyPatch({ a: null } as Record<string, unknown>, [
      { op: "add", path: "/a", value },
      { op: "replace", path: "/a/nested/n", value: 2 },
    ]);
    assert.deepEqual(next, { a: { nested: { n: 2 } } });
    assert.equal(value.nested.n, 1);
  });
});
