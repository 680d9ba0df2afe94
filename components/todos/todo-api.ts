// The browser's side of /api/v1/todos: each queued change becomes one request, and each
// answer an Outcome for the store. The session cookie authenticates; the browser adds the
// Origin header that cookie-authenticated writes need.
import type { TodoJson } from "@/lib/todos/todo-json";
import type { Outcome, TodoOp } from "./todo-store";

const BASE = "/api/v1/todos";

class RequestFailed extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

async function request(method: string, path: string, body?: unknown): Promise<{ todo?: TodoJson } | null> {
  const response = await fetch(BASE + path, {
    method,
    headers: body === undefined ? { Accept: "application/json" } : { Accept: "application/json", "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: "same-origin",
    cache: "no-store",
  });
  if (response.status === 204) return null;
  const data = (await response.json().catch(() => null)) as { todo?: TodoJson; error?: { message?: string } } | null;
  if (!response.ok) throw new RequestFailed(response.status, data?.error?.message ?? `The server answered ${response.status}.`);
  return data;
}

export async function sendTodoOp(op: TodoOp): Promise<Outcome> {
  try {
    switch (op.kind) {
      case "create":
        return { ok: true, todo: (await request("POST", "", { title: op.title }))?.todo };
      case "update":
        return { ok: true, todo: (await request("PATCH", `/${op.id}`, op.changes))?.todo };
      case "delete":
        await request("DELETE", `/${op.id}`);
        return { ok: true };
      case "toggle-all":
        await request("POST", "/toggle-all", { completed: op.completed });
        return { ok: true };
      case "clear-completed":
        await request("POST", "/clear-completed");
        return { ok: true };
    }
  } catch (error) {
    return failure(op, error);
  }
}

function failure(op: TodoOp, error: unknown): Outcome {
  if (!(error instanceof RequestFailed)) {
    return { ok: false, message: "Not saved: the server could not be reached. Check your connection and try again." };
  }
  if (error.status === 404 && op.kind === "delete") return { ok: true }; // already gone: what was asked for
  if (error.status === 404) return { ok: false, gone: true, message: "Not saved: that todo no longer exists (it was deleted elsewhere)." };
  if (error.status === 401) return { ok: false, message: "Not saved: your session has ended. Log in again, then repeat the change." };
  return { ok: false, message: `Not saved: ${error.message}` };
}
