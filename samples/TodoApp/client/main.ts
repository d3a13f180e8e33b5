// The TodoApp page: one shared TodoList (a singleton component) and this tab's own TodoView (filter, draft).
import { LiveClient, type LiveStatus, type RestoreEvent, type RestoreKind } from "@live/client";
import { TodoList, TodoView, type TodoItem, type TodoListState, type TodoViewState } from "./live.generated";
import { loadSession, renderAccount } from "./account";

const $ = <T extends HTMLElement>(selector: string): T => {
  const element = document.querySelector<T>(selector);
  if (!element) throw new Error(`Missing element ${selector}`);
  return element;
};

const statusBadge = $<HTMLSpanElement>("#status");
const restoreBadge = $<HTMLSpanElement>("#restore");
const form = $<HTMLFormElement>("#new-todo-form");
const input = $<HTMLInputElement>("#new-todo");
const list = $<HTMLUListElement>("#todos");
const counter = $<HTMLSpanElement>("#remaining");
const clearCompleted = $<HTMLButtonElement>("#clear-completed");
const errorBox = $<HTMLParagraphElement>("#error");
const filterButtons = [...document.querySelectorAll<HTMLButtonElement>("[data-filter]")];

const liveUrl = new URL("/live", location.href).toString();
const client = new LiveClient(liveUrl, { reconnect: { initialDelayMs: 200, maxDelayMs: 3000 }, logger: console });

function showStatus(status: LiveStatus): void {
  statusBadge.textContent = status;
  statusBadge.dataset.status = status;
}

// How this tab's view state came back: after a reload or a reconnect the client tries to resume the live
// instance, then to rehydrate it from the signed state token it kept in sessionStorage, then mounts afresh.
const RESTORE_TEXT: Record<RestoreKind, string> = { mounted: "new view", rehydrated: "rehydrated", resumed: "resumed" };

function showRestore(kind: RestoreKind, event?: RestoreEvent): void {
  restoreBadge.textContent = RESTORE_TEXT[kind];
  restoreBadge.dataset.restore = kind;
  const failed = event?.failures.map(f => `${f.step} failed: ${f.error.message}`) ?? [];
  restoreBadge.title = [`View ${kind}.`, ...failed].join("\n");
}

function showError(error: unknown): void {
  errorBox.textContent = error instanceof Error ? error.message : String(error);
  errorBox.hidden = false;
}

client.onStatus(showStatus);
showStatus(client.status);
loadSession().then(session => renderAccount($<HTMLDivElement>("#account"), session), showError);

const [todos, view] = await Promise.all([client.mount(TodoList), client.mount(TodoView)]);
showRestore(view.restoredBy);
view.onRestore(showRestore);

function visible(items: readonly TodoItem[], filter: string): readonly TodoItem[] {
  if (filter === "active") return items.filter(t => !t.done);
  if (filter === "completed") return items.filter(t => t.done);
  return items;
}

function renderItem(item: TodoItem): HTMLLIElement {
  const li = document.createElement("li");
  li.dataset.id = item.id;
  li.className = item.done ? "todo done" : "todo";

  const toggle = document.createElement("input");
  toggle.type = "checkbox";
  toggle.className = "toggle";
  toggle.checked = item.done;
  toggle.addEventListener("change", () => todos.actions.toggle({ id: item.id }).catch(showError));

  const label = document.createElement("span");
  label.className = "text";
  label.textContent = item.text;
  label.title = "Double-click to rename";
  label.addEventListener("dblclick", () => {
    const editor = document.createElement("input");
    editor.className = "edit";
    editor.value = item.text;
    editor.addEventListener("keydown", event => {
      if (event.key === "Enter" && editor.value.trim()) {
        todos.actions.rename({ id: item.id, text: editor.value }).catch(showError);
      }
      if (event.key === "Enter" || event.key === "Escape") editor.replaceWith(label);
    });
    label.replaceWith(editor);
    editor.focus();
  });

  const remove = document.createElement("button");
  remove.className = "remove";
  remove.title = "Remove";
  remove.textContent = "×";
  remove.addEventListener("click", () => todos.actions.remove({ id: item.id }).catch(showError));

  li.append(toggle, label, remove);
  return li;
}

function render(listState: Readonly<TodoListState>, viewState: Readonly<TodoViewState>): void {
  list.replaceChildren(...visible(listState.todos, viewState.filter).map(renderItem));
  // Counted on the server in this tab's view state: it keeps counting while the tab is away.
  const remaining = viewState.remaining;
  counter.textContent = `${remaining} item${remaining === 1 ? "" : "s"} left`;
  clearCompleted.disabled = !listState.todos.some(t => t.done);
  for (const button of filterButtons) button.classList.toggle("selected", button.dataset.filter === viewState.filter);
  if (document.activeElement !== input) input.value = viewState.draft;
}

const rerender = () => render(todos.state, view.state);
todos.onChange(rerender);
view.onChange(rerender);
rerender();
// After a reload the rehydrated draft goes into the input even though it has the focus (autofocus).
input.value = view.state.draft;

let draftTimer: ReturnType<typeof setTimeout> | undefined;
input.addEventListener("input", () => {
  clearTimeout(draftTimer);
  draftTimer = setTimeout(() => view.actions.setDraft({ text: input.value }).catch(showError), 150);
});

form.addEventListener("submit", event => {
  event.preventDefault();
  const text = input.value.trim();
  if (!text) return;
  input.value = "";
  clearTimeout(draftTimer);
  todos.actions
    .add({ text })
    .then(() => view.actions.setDraft({ text: "" }))
    .catch(showError);
});

for (const button of filterButtons) {
  button.addEventListener("click", () => view.actions.setFilter({ filter: button.dataset.filter ?? "all" }).catch(showError));
}

clearCompleted.addEventListener("click", () => todos.actions.clearCompleted().catch(showError));
