import type { LiveClient } from "../../src/index.js";
import { TodoList } from "../fixtures/todo-list.js";

export async function bad(client: LiveClient): Promise<void> {
  const todo = await client.mount(TodoList);
  await todo.actions.add({ text: "milk", priority: 1 }); // expect-error
}
