// The todo list's state in the browser: what the server has confirmed, plus the changes
// still on their way, applied on top (optimistic updates). Changes are sent one at a time,
// in the order they were made, so the server ends up with the list the person sees; a
// change the server refuses is dropped from the queue (rolled back) and its message shown.
// No React here: TodoApp reads the store with useSyncExternalStore.
import type { TodoItem, TodoJson } from "@/lib/todos/todo-json";
import { nextOrder, sortTodos } from "@/lib/todos/todo-list";

/** A todo in the browser; `key` stays the same when a new todo gets its real id. */
export type ClientTodo = TodoItem & { key: string };

export type TodoOp =
  | { kind: "create"; tempId: number; title: string }
  | { kind: "update"; id: number; changes: { title?: string; completed?: boolean } }
  | { kind: "delete"; id: number }
  | { kind: "toggle-all"; completed: boolean }
  | { kind: "clear-completed" };

/** What the server answered: the todo for create and update; `gone` when it no longer exists. */
export type Outcome = { ok: true; todo?: TodoJson } | { ok: false; message: string; gone?: boolean };

export type Pending = { seq: number; op: TodoOp };

/**
 * `message` says why something was not saved (it stays until dismissed or replaced, so that
 * quick typing cannot hide it), or is a notice about what was typed (cleared by the next change).
 */
export type TodoState = { confirmed: ClientTodo[]; pending: Pending[]; message: string | null; messageKind?: "failure" | "notice" };

export type TodoAction =
  | { type: "queued"; pending: Pending }
  | { type: "settled"; seq: number; outcome: Outcome }
  | { type: "notice"; message: string | null };

export const withKey = ({ id, title, completed, order }: TodoItem, key = String(id)): ClientTodo => ({ id, title, completed, order, key });
const tempKey = (tempId: number) => `new${-tempId}`;

const targetOf = (op: TodoOp): number | null => (op.kind === "update" || op.kind === "delete" ? op.id : null);

/** One change applied to a list; todos it does not touch keep their identity (for React.memo). */
export function applyOp(todos: ClientTodo[], op: TodoOp): ClientTodo[] {
  switch (op.kind) {
    case "create":
      return [
        ...todos,
        { id: op.tempId, key: tempKey(op.tempId), title: op.title, completed: false, order: nextOrder(todos) },
      ];
    case "update":
      return todos.map((todo) => (todo.id === op.id ? { ...todo, ...op.changes } : todo));
    case "delete":
      return todos.filter((todo) => todo.id !== op.id);
    case "toggle-all":
      return todos.map((todo) => (todo.completed === op.completed ? todo : { ...todo, completed: op.completed }));
    case "clear-completed":
      return todos.filter((todo) => !todo.completed);
  }
}

/** The list as the person sees it: confirmed, then every pending change in order. */
export function visibleTodos(state: TodoState): ClientTodo[] {
  return state.pending.reduce((todos, { op }) => applyOp(todos, op), state.confirmed);
}

/** Puts the server's answer for a todo into the confirmed list, keeping the browser's key. */
function confirmTodo(confirmed: ClientTodo[], todo: TodoJson, key: string): ClientTodo[] {
  const index = confirmed.findIndex((existing) => existing.id === todo.id);
  const next =
    index === -1 ? [...confirmed, withKey(todo, key)] : confirmed.map((existing, at) => (at === index ? withKey(todo, existing.key) : existing));
  const moved = index === -1 || confirmed[index]!.order !== todo.order;
  return moved ? sortTodos(next) : next;
}

export function reduceTodos(state: TodoState, action: TodoAction): TodoState {
  switch (action.type) {
    case "queued": {
      const keep = state.messageKind === "failure";
      return { ...state, pending: [...state.pending, action.pending], message: keep ? state.message : null, messageKind: keep ? "failure" : undefined };
    }
    case "notice":
      return { ...state, message: action.message, messageKind: action.message === null ? undefined : "notice" };
    case "settled": {
      const settled = state.pending.find((entry) => entry.seq === action.seq);
      if (!settled) return state;
      const { op } = settled;
      let rest = state.pending.filter((entry) => entry !== settled);
      const { outcome } = action;

      if (!outcome.ok) {
        const target = targetOf(op);
        const confirmed = outcome.gone && target !== null ? state.confirmed.filter((todo) => todo.id !== target) : state.confirmed;
        // Changes to a todo that was never created cannot be sent either.
        if (op.kind === "create") rest = rest.filter((entry) => targetOf(entry.op) !== op.tempId);
        return { confirmed, pending: rest, message: outcome.message, messageKind: "failure" };
      }

      let confirmed = state.confirmed;
      switch (op.kind) {
        case "create": {
          const todo = outcome.todo!;
          confirmed = confirmTodo(confirmed, todo, tempKey(op.tempId));
          // Changes made while it was being created now name its real id.
          rest = rest.map((entry) => (targetOf(entry.op) === op.tempId ? { ...entry, op: { ...entry.op, id: todo.id } as TodoOp } : entry));
          break;
        }
        case "update":
          confirmed = outcome.todo ? confirmTodo(confirmed, outcome.todo, String(outcome.todo.id)) : applyOp(confirmed, op);
          break;
        default:
          confirmed = applyOp(confirmed, op);
      }
      return { ...state, confirmed, pending: rest };
    }
  }
}

export type SendTodoOp = (op: TodoOp) => Promise<Outcome>;

type NewOp = TodoOp extends infer Op ? (Op extends { kind: "create" } ? Omit<Op, "tempId"> : Op) : never;

export class TodoStore {
  private state: TodoState;
  private readonly listeners = new Set<() => void>();
  private seq = 0;
  private lastTempId = 0;
  private draining: Promise<void> | null = null;

  private readonly send: SendTodoOp;

  constructor(todos: TodoItem[], send: SendTodoOp) {
    this.send = send;
    this.state = { confirmed: todos.map((todo) => withKey(todo)), pending: [], message: null };
  }

  getState = (): TodoState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private dispatch(action: TodoAction) {
    this.state = reduceTodos(this.state, action);
    for (const listener of this.listeners) listener();
  }

  /** Shows a notice (a title that is too long, say) without changing anything; null dismisses any message. */
  notify(message: string | null) {
    this.dispatch({ type: "notice", message });
  }

  /** Applies a change at once and queues it for the server; answers when the queue is empty. */
  enqueue(change: NewOp): Promise<void> {
    const op: TodoOp = change.kind === "create" ? { ...change, tempId: --this.lastTempId } : change;
    this.dispatch({ type: "queued", pending: { seq: ++this.seq, op } });
    return this.drain();
  }

  /** Sends the queue, one change at a time; everyone asking gets the same promise. */
  private drain(): Promise<void> {
    if (!this.draining && this.state.pending.length > 0) this.draining = this.sendAll();
    return this.draining ?? Promise.resolve();
  }

  private async sendAll(): Promise<void> {
    try {
      // The op is read from the state each time: a todo created meanwhile has its real id now.
      for (let next = this.state.pending[0]; next; next = this.state.pending[0]) {
        const outcome = await this.send(next.op).catch((error: unknown): Outcome => ({ ok: false, message: `Not saved: ${String(error)}` }));
        this.dispatch({ type: "settled", seq: next.seq, outcome });
      }
    } finally {
      // In the same turn as the last check of the queue, so that no change is left behind.
      this.draining = null;
    }
  }
}
