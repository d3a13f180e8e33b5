import type { LiveClient } from "../../src/index.js";
import { TodoList } from "./generated/live.generated.js";

export async function bad(client: LiveClient): Promise<number> {
  const list = await client.mount(TodoList);
  const id: number = await list.actions.add({ text: "milk" }); // expect-error
  return id;
}
