// Who is signed in, and the development-only sign-in: one button per user from appsettings.Development.json.
// Signing in or out is a plain form post (with an antiforgery token) that sets or clears the auth cookie and
// reloads the page, so the page's Live connection is opened again with the new cookie.

export interface Session {
  readonly name: string | null;
  readonly roles: readonly string[];
  readonly devUsers: readonly string[];
  readonly antiforgery: { readonly field: string; readonly token: string };
}

export async function loadSession(): Promise<Session> {
  const response = await fetch("/account/me", { credentials: "same-origin", cache: "no-store" });
  if (!response.ok) throw new Error(`Could not load the session (${response.status}).`);
  return (await response.json()) as Session;
}

function postForm(session: Session, action: string, label: string, fields: Record<string, string> = {}): HTMLFormElement {
  const form = document.createElement("form");
  form.method = "post";
  form.action = action;
  form.className = "account-form";
  for (const [name, value] of Object.entries({ ...fields, [session.antiforgery.field]: session.antiforgery.token })) {
    const hidden = document.createElement("input");
    hidden.type = "hidden";
    hidden.name = name;
    hidden.value = value;
    form.append(hidden);
  }
  const button = document.createElement("button");
  button.type = "submit";
  button.textContent = label;
  form.append(button);
  return form;
}

export function renderAccount(container: HTMLElement, session: Session): void {
  const who = document.createElement("span");
  who.id = "signed-in-as";
  if (session.name !== null) {
    const roles = session.roles.length > 0 ? ` (${session.roles.join(", ")})` : "";
    who.textContent = `Signed in as ${session.name}${roles}`;
    container.replaceChildren(who, postForm(session, "/account/logout", "Sign out"));
    return;
  }
  who.textContent = "Not signed in";
  const forms = session.devUsers.map(user => postForm(session, "/account/login", `Sign in as ${user}`, { user }));
  const note = document.createElement("small");
  note.className = "dev-only";
  note.textContent = session.devUsers.length > 0 ? "development sign-in, no password" : "";
  container.replaceChildren(who, ...forms, note);
}
