import { defineComponent, type LiveClient } from "../../src/index.js";

const Room = defineComponent<{ users: string[] }, {}, { roomId: string }>("Room", []);

export async function bad(client: LiveClient): Promise<void> {
  await client.mount(Room, { roomId: 7 }); // expect-error
}
