// Placeholder until the source generator emits this file (LiveTypeScriptOutput); same shape as the generated one.
import { defineComponent } from "@live/client";

export interface TodoItem { id: string; text: string; done: boolean; }
export interface TodoListState { todos: TodoItem[]; }
export interface TodoViewState { filter: string; draft: string; }

export const TodoList = defineComponent<TodoListState, {
  add: { args: { text: string }; result: string };
  toggle: { args: { id: string }; result: void };
  rename: { args: { id: string; text: string }; result: void };
  remove: { args: { id: string }; result: void };
  clearCompleted: { args: {}; result: number };
}>("TodoList", ["add", "toggle", "rename", "remove", "clearCompleted"]);

export const TodoView = defineComponent<TodoViewState, {
  setFilter: { args: { filter: string }; result: void };
  setDraft: { args: { text: string }; result: void };
}>("TodoView", ["setFilter", "setDraft"]);
