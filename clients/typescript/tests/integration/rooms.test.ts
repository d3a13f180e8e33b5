// Rooms against the real server: server-side joins, events, room state and presence as patches, client joins.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { LiveError, type RoomHandle } from "../../src/index.js";
import { changed } from "../support/helpers.js";
import { ChatPanel, TopicRoom, type LiveEvents } from "./support/bindings.js";
import { useTestServer } from "./support/fixture.js";

const live = useTestServer();
let nextRoom = 0;

function uniqueRoom(prefix: string): string {
  return `${prefix}:${process.pid}-${++nextRoom}`;
}

describe("rooms", () => {
  test("a component the server put in a room receives its events, typed, and so does the room handle", async () => {
    const room = uniqueRoom("chat");
    const alice = live.client();
    const bob = live.client();
    const a = await alice.mount(ChatPanel, { room });
    const b = await bob.mount(ChatPanel, { room });
    const bobRoom = bob.room<object, LiveEvents>(room);
    assert.ok(bobRoom, "bob's client knows the room after mounting");
    const heard = new Promise<string>((resolve) => b.onRoomEvent<LiveEvents>((e) => e.event === "ChatLine" && resolve(e.data.text)));
    const viaRoom = new Promise<string>((resolve) => bobRoom.on("ChatLine", (line) => resolve(line.text)));

    const delivered = await a.actions.say({ text: "hello" });

    assert.equal(delivered, 2);
    assert.equal(await heard, "hello");
    assert.equal(await viaRoom, "hello");
    // The server-side handler of bob's component saw it too (its state may already include it).
    if (!b.state.heard.includes("hello")) await changed(b, (s) => s.heard.includes("hello"), 5000);
    assert.deepEqual(b.state.heard, ["hello"]);
  });

  test("room state and presence arrive as patches of the room document", async () => {
    const room = uniqueRoom("topic");
    const alice = live.client();
    const bob = live.client();
    const a = await alice.mount(ChatPanel, { room });
    await bob.mount(ChatPanel, { room });
    const bobRoom = bob.room(TopicRoom, room.slice("topic:".length))!;
    assert.equal(Object.keys(bobRoom.members).length, 2);

    const topic = changed(bobRoom, (d) => d.state.topic === "rooms");
    await a.actions.setTopic({ roomName: room, topic: "rooms" });
    const document = await topic;
    assert.equal(document.state.posts, 1);

    const typing = changed(bobRoom, (d) => Object.keys(d.live).some((k) => k.startsWith("typing:")));
    await a.actions.typing({ on: true });
    const withTyping = await typing;
    const entry = Object.values(withTyping.live)[0]!;
    assert.equal(entry.value, true);
    assert.ok(withTyping.members[entry.userId], "the writer is a member");

    const left = changed(bobRoom, (d) => Object.keys(d.members).length === 1);
    await alice.close();
    await left;
  });

  test("a client may join only rooms that allow it", async () => {
    const client = live.client();
    const panel = await client.mount(ChatPanel, { room: uniqueRoom("chat") });

    const lobby: RoomHandle = await panel.joinRoom(uniqueRoom("lobby"), { metadata: { color: "teal" } });
    const member = Object.values(lobby.members)[0]!;
    assert.deepEqual(member.metadata, { color: "teal" });
    const typed = await panel.joinRoom(TopicRoom, { key: `${process.pid}-open` });
    assert.equal(typed.state.posts, 0);

    await assert.rejects(panel.joinRoom("private:1"), (e: unknown) => e instanceof LiveError && e.code === "room_join_forbidden");
    await assert.rejects(panel.joinRoom("bad name"), (e: unknown) => e instanceof LiveError && e.code === "invalid_room_name");
    await panel.leaveRoom(lobby.name);
    assert.equal(lobby.isJoined, false);
    await assert.rejects(panel.leaveRoom(lobby.name), (e: unknown) => e instanceof LiveError && e.code === "room_not_joined");
  });

  test("setStatus makes the member away for the others and online again", async () => {
    const room = uniqueRoom("chat");
    const alice = live.client();
    const bob = live.client();
    await alice.mount(ChatPanel, { room });
    await bob.mount(ChatPanel, { room });
    const aliceRoom = alice.room(room)!;
    const bobRoom = bob.room(room)!;
    assert.equal(Object.keys(bobRoom.members).length, 2);

    const away = changed(bobRoom, (d) => Object.values(d.members).some((m) => m.status === "away"));
    assert.equal(await aliceRoom.setStatus("away"), "away");
    const document = await away;
    const awayMembers = Object.values(document.members).filter((m) => m.status === "away");
    assert.equal(awayMembers.length, 1);

    const online = changed(bobRoom, (d) => Object.values(d.members).every((m) => m.status === "online"));
    assert.equal(await aliceRoom.setStatus("online"), "online");
    await online;
  });
});
