// Must compile: the TodoApp's generated bindings (samples/TodoApp/client/live.generated.ts) type state, actions and results.
import type { LiveClient } from "../../src/index.js";
import { TodoList, TodoView, type TodoItem, type TodoListState, type TodoViewState } from "./generated/live.generated.js";

export async function generatedOk(client: LiveClient): Promise<void> {
  const list = await client.mount(TodoList);
  const state: Readonly<TodoListState> = list.state;
  const items: readonly TodoItem[] = state.todos;
  const id: string = await list.actions.add({ text: "milk" });
  const toggled: void = await list.actions.toggle({ id });
  await list.actions.rename({ id: items[0]?.id ?? id, text: "oat milk" });
  await list.actions.remove({ id });
  const cleared: number = await list.actions.clearCompleted();
  const done: boolean | undefined = items[0]?.done;
  const text: string | undefined = items[0]?.text;

  const view = await client.mount(TodoView);
  const viewState: Readonly<TodoViewState> = view.state;
  await view.actions.setFilter({ filter: "active" });
  await view.actions.setDraft({ text: viewState.draft + "!" });
  const filter: string = viewState.filter;
  void [toggled, cleared, done, text, filter];
}
