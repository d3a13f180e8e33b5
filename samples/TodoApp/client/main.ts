// The TodoApp page: one shared TodoList (a singleton component) and this tab's own TodoView (filter, draft).
import { LiveClient, type LiveStatus, type RestoreEvent, type RestoreKind, type RoomDocument } from "@live/client";
import { TodoList, TodoView, type TodoItem, type TodoListState, type TodoViewState } from "./live.generated";
import { loadSession, renderAccount, wireClearAll } from "./account";

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
const online = $<HTMLSpanElement>("#online");
const editing = $<HTMLParagraphElement>("#editing");

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

// Presence: TodoView put this tab in the "todos" room when it mounted; the room's document lists who is online (or
// away: every tab hidden; or reconnecting: dropped, held by the server for a while) and, in its live state, which
// tabs have a draft ("editing:{editorKey}" entries).
function renderPresence(room: RoomDocument<object>): void {
  online.replaceChildren(
    ...Object.values(room.members).map(member => {
      const item = document.createElement("span");
      // A member with no connection dropped and may come back (the server holds it for the retention window).
      const status = member.connections === 0 ? "reconnecting" : member.status;
      item.className = status === "online" ? "member" : "member inactive";
      item.dataset.user = member.userId;
      item.dataset.status = status;
      const tabs = member.connections > 1 ? ` (${member.connections} tabs)` : "";
      item.textContent = status === "online" ? member.name + tabs : `${member.name}${tabs} (${status})`;
      return item;
    }),
  );
  const others = Object.entries(room.live)
    .filter(([key, entry]) => key.startsWith("editing:") && key !== `editing:${view.state.editorKey}` && entry.value === true)
    .map(([, entry]) => room.members[entry.userId]?.name ?? "someone");
  const names = [...new Set(others)];
  editing.textContent = names.length === 0 ? "" : `${names.join(", ")} ${names.length === 1 ? "is" : "are"} editing…`;
}

function watchPresence(): void {
  const room = client.room("todos");
  if (room === undefined) return;
  room.onChange(renderPresence);
  renderPresence(room.document);
}

watchPresence();

// A hidden tab says it is away; the user shows as away once all of their tabs are hidden. The client says "away"
// again by itself after a reconnect.
function reportVisibility(): void {
  const room = client.room("todos");
  if (room === undefined) return;
  const status = document.hidden ? "away" : "online";
  if (room.status === status) return;
  room.setStatus(status).catch(error => console.warn("Could not set the presence status.", error));
}
document.addEventListener("visibilitychange", reportVisibility);
reportVisibility();
client.onRoomJoined(room => {
  if (room.name !== "todos") return;
  room.onChange(renderPresence);
  renderPresence(room.document);
});

const rerender = () => render(todos.state, view.state);
todos.onChange(rerender);
view.onChange(rerender);
rerender();
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
wireClearAll($<HTMLButtonElement>("#clear-all"), () => todos.actions.clearAll(), showError);

// The input stays disabled until the form is wired: an Enter pressed earlier would submit the form natively and
// reload the page, losing the text. Enabled now, it gets the focus (what `autofocus` would have done).
input.disabled = false;
input.focus();
