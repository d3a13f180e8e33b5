// Hand-written bindings for tests/Live.TestServer's components, in the shape the C# generator emits.
import { defineComponent } from "../../../src/index.js";

export interface CounterState {
  count: number;
  label: string;
}
export interface Stats {
  count: number;
  label: string;
  history: number[];
}
export const Counter = defineComponent<
  CounterState,
  {
    increment: { args: {}; result: void };
    add: { args: { amount: number }; result: number };
    addLaterAsync: { args: { amount: number }; result: number };
    rename: { args: { label: string }; result: string };
    greet: { args: { name?: string; times?: number | null }; result: string };
    describe: { args: {}; result: Stats };
    nothing: { args: {}; result: number | null };
    fail: { args: {}; result: void };
  },
  { start?: number; label?: string }
>("Counter", ["increment", "add", "addLaterAsync", "rename", "greet", "describe", "nothing", "fail"]);

export interface StallState {
  entered: number;
}
export const Stall = defineComponent<StallState, {
  waitForeverAsync: { args: {}; result: void };
  enter: { args: {}; result: number };
  cancellations: { args: {}; result: number };
}>("Stall", ["waitForeverAsync", "enter", "cancellations"]);

export interface ListItem {
  id: number;
  text: string;
  done: boolean;
}
export interface SharedListState {
  items: ListItem[];
  tallies: { [key: string]: number };
  nextId: number;
}
export const SharedList = defineComponent<SharedListState, {
  add: { args: { text: string; index?: number | null }; result: number };
  toggle: { args: { id: number }; result: boolean };
  rename: { args: { id: number; text: string }; result: void };
  remove: { args: { id: number }; result: void };
  move: { args: { id: number; index: number }; result: void };
  tally: { args: { key: string; delta: number }; result: number };
  count: { args: {}; result: number };
  clear: { args: {}; result: void };
}>("SharedList", ["add", "toggle", "rename", "remove", "move", "tally", "count", "clear"]);

export interface InboxState {
  messages: string[];
}
export const Inbox = defineComponent<InboxState, {
  post: { args: { text: string }; result: number };
}>("Inbox", ["post"]);
