import type { LiveClient } from "../../src/index.js";
import { TodoList } from "./generated/live.generated.js";

export async function bad(client: LiveClient): Promise<void> {
  const list = await client.mount(TodoList);
  await list.actions.rename({ id: "1" }); // expect-error
}
