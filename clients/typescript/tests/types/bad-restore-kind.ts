import type { LiveClient } from "../../src/index.js";
import { TodoList } from "../fixtures/todo-list.js";

export async function bad(client: LiveClient): Promise<void> {
  const todo = await client.mount(TodoList);
  todo.onRestore((kind) => {
    if (kind === "reattached") return; // expect-error
  });
}
