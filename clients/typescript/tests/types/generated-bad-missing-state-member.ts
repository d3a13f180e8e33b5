import type { LiveClient } from "../../src/index.js";
import { TodoList } from "./generated/live.generated.js";

export async function bad(client: LiveClient): Promise<string> {
  const list = await client.mount(TodoList);
  return list.state.title; // expect-error
}
