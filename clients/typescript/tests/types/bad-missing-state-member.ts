import type { LiveClient } from "../../src/index.js";
import { TodoList } from "../fixtures/todo-list.js";

export async function bad(client: LiveClient): Promise<string> {
  const todo = await client.mount(TodoList);
  return todo.state.title; // expect-error
}
