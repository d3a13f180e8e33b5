import assert from "node:assert/strict";
import { afterEach, beforeEach, describe, test } from "node:test";
import { defineRoom, LiveClient, LiveError, type RoomDocument, type RoomEventOf, type RoomHandle } from "../src/index.js";
import { TodoList, type TodoListState } from "./fixtures/todo-list.js";
import { changed, testOptions } from "./support/helpers.js";
import { ScriptedServer } from "./support/scripted-server.js";

interface ChatState {
  readonly topic: string;
}
interface Events {
  readonly ChatMessage: { readonly text: string };
  readonly typing: { readonly on: boolean };
}
const ChatRoom = defineRoom<ChatState, Events>("chat");
const EMPTY: TodoListState = { todos: [], filter: "all" };

function document(topic: string, members: string[] = ["alice"]): RoomDocument<ChatState> {
  return {
    state: { topic },
    members: Object.fromEntries(
      members.map((m) => [m, { userId: m, name: m.toUpperCase(), connections: 1, status: "online" as const, lastActive: "2026-01-01T00:00:00+00:00" }]),
    ),
    live: {},
  };
}

let server: ScriptedServer;
let client: LiveClient;

beforeEach(async () => {
  server = await ScriptedServer.start();
  client = new LiveClient(server.url, testOptions());
});

afterEach(async () => {
  await client.close();
  await server.close();
});

async function mounted() {
  const mounting = client.mount(TodoList, { listId: "groceries" });
  const connection = await server.nextConnection();
  await connection.acceptMount("c_1", EMPTY);
  return { connection, todo: await mounting };
}

function nextRoom(): Promise<RoomHandle> {
  return new Promise((resolve) => {
    const off = client.onRoomJoined((room) => {
      off();
      resolve(room);
    });
  });
}

describe("rooms", () => {
  test("a room the server joined becomes a handle whose document follows the room's patches", async () => {
    const { connection } = await mounted();
    const entering = nextRoom();
    connection.send({ type: "joined", room: "chat:general", instance: "c_1", roomInstance: "r_1", version: 1, state: document("hi") });
    const room = await entering;

    assert.equal(room.name, "chat:general");
    assert.equal(client.room(ChatRoom, "general"), room);
    assert.deepEqual(room.state, { topic: "hi" });
    assert.equal(room.members["alice"]?.name, "ALICE");

    const next = changed(room);
    connection.send({ type: "patch", instance: "r_1", version: 2, ops: [{ op: "replace", path: "/state/topic", value: "news" }] });
    await next;
    assert.deepEqual(room.state, { topic: "news" });
    assert.equal(room.version, 2);
  });

  test("a version gap in a room's patches resyncs the room's pseudo-instance", async () => {
    const { connection } = await mounted();
    const entering = nextRoom();
    connection.send({ type: "joined", room: "chat:a", instance: "c_1", roomInstance: "r_9", version: 1, state: document("one") });
    const room = await entering;

    connection.send({ type: "patch", instance: "r_9", version: 5, ops: [] });
    const resync = await connection.expect("resync");
    assert.equal(resync["instance"], "r_9");
    const next = changed(room);
    connection.send({ type: "state", id: resync.id, instance: "r_9", version: 5, state: document("five", ["alice", "bob"]) });
    await next;

    assert.deepEqual(room.state, { topic: "five" });
    assert.deepEqual(Object.keys(room.members), ["alice", "bob"]);
  });

  test("events reach the room, the components in it and the client, typed by the events map", async () => {
    const { connection, todo } = await mounted();
    const entering = nextRoom();
    connection.send({ type: "joined", room: "chat:a", instance: "c_1", roomInstance: "r_1", version: 0, state: document("x") });
    await entering;
    const room = client.room(ChatRoom, "a")!;
    const onRoom: string[] = [];
    const onComponent: RoomEventOf<Events>[] = [];
    const typed: string[] = [];
    room.onEvent((e) => onRoom.push(e.event));
    room.on("ChatMessage", (data, from) => typed.push(`${from}:${data.text}`));
    todo.onRoomEvent<Events>((e) => onComponent.push(e));
    const all = new Promise<string | undefined>((resolve) => client.onEvent((e) => resolve(e.room)));

    connection.send({ type: "event", room: "chat:a", event: "ChatMessage", from: "bob", data: { text: "hi" } });

    assert.equal(await all, "chat:a");
    assert.deepEqual(onRoom, ["ChatMessage"]);
    assert.deepEqual(typed, ["bob:hi"]);
    assert.equal(onComponent.length, 1);
    const first = onComponent[0]!;
    if (first.event === "ChatMessage") assert.equal(first.data.text, "hi");
    else assert.fail("expected a ChatMessage");
  });

  test("joinRoom sends join for the component and resolves with the room; errors reject with the server's code", async () => {
    const { connection, todo } = await mounted();

    const joining = todo.joinRoom(ChatRoom, { key: "lobby", metadata: { color: "red" } });
    const join = await connection.expect("join");
    assert.deepEqual([join["instance"], join["room"], join["metadata"]], ["c_1", "chat:lobby", { color: "red" }]);
    connection.send({ type: "joined", id: join.id, room: "chat:lobby", instance: "c_1", roomInstance: "r_2", version: 3, state: document("lobby") });
    const room = await joining;
    assert.equal(room.state.topic, "lobby");
    assert.equal(room.version, 3);

    const refused = todo.joinRoom("secret");
    const second = await connection.expect("join");
    connection.send({ type: "error", id: second.id, code: "room_join_forbidden", message: "no" });
    await assert.rejects(refused, (e: unknown) => e instanceof LiveError && e.code === "room_join_forbidden");
  });

  test("when its last component leaves, the room is forgotten", async () => {
    const { connection, todo } = await mounted();
    const joining = todo.joinRoom("lobby");
    const join = await connection.expect("join");
    connection.send({ type: "joined", id: join.id, room: "lobby", instance: "c_1", roomInstance: "r_3", version: 0, state: document("") });
    const room = await joining;

    const leaving = todo.leaveRoom("lobby");
    const leave = await connection.expect("leave");
    connection.send({ type: "left", id: leave.id, room: "lobby", instance: "c_1", reason: "left" });
    await leaving;

    assert.equal(room.isJoined, false);
    assert.equal(client.room("lobby"), undefined);
  });

  test("defineRoom builds room names from a kind and a key and refuses a kind with ':'", () => {
    assert.equal(ChatRoom.name("general"), "chat:general");
    assert.equal(ChatRoom.name(), "chat");
    assert.throws(() => defineRoom("a:b"), TypeError);
  });
});

describe("presence status", () => {
  /** A mounted component that the server put in the room "chat:a". */
  async function inRoom() {
    const { connection } = await mounted();
    const entering = nextRoom();
    connection.send({ type: "joined", room: "chat:a", instance: "c_1", roomInstance: "r_1", version: 1, state: document("x") });
    return { connection, room: await entering };
  }

  test("setStatus sends presence for the room and resolves with the user's status; errors reject with the server's code", async () => {
    const { connection, room } = await inRoom();

    const setting = room.setStatus("away");
    const presence = await connection.expect("presence");
    assert.deepEqual([presence["room"], presence["status"]], ["chat:a", "away"]);
    // Another tab of the user is still online: the server says the user is online.
    connection.send({ type: "result", id: presence.id, value: "online" });
    assert.equal(await setting, "online");
    assert.equal(room.status, "away");

    const refused = room.setStatus("online");
    const second = await connection.expect("presence");
    connection.send({ type: "error", id: second.id, code: "room_not_joined", message: "not a member" });
    await assert.rejects(refused, (e: unknown) => e instanceof LiveError && e.code === "room_not_joined");
  });

  test("a status other than online or away is refused before anything is sent", async () => {
    const { connection, room } = await inRoom();

    await assert.rejects(room.setStatus("offline" as "away"), TypeError);
    assert.equal(connection.unread, 0);
    assert.equal(room.status, "online");
  });

  test("after a reconnect the room's snapshot is followed by the away status the client last set", async () => {
    const { connection, room } = await inRoom();
    const setting = room.setStatus("away");
    const presence = await connection.expect("presence");
    connection.send({ type: "result", id: presence.id, value: "away" });
    await setting;

    connection.drop();
    const next = await server.nextConnection();
    await next.acceptMount("c_2", EMPTY);
    next.send({ type: "joined", room: "chat:a", instance: "c_2", roomInstance: "r_1", version: 4, state: document("x") });

    const again = await next.expect("presence");
    assert.deepEqual([again["room"], again["status"]], ["chat:a", "away"]);
    next.send({ type: "result", id: again.id, value: "away" });
    assert.equal(client.room("chat:a"), room);
  });
});
