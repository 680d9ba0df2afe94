"use client";
// The todo list: TodoMVC's behaviour and markup (PRODUCT.md, "Todos"), saved on the server.
// Rendered on the server first, where every change is a plain form posting to a server
// action, so adding, toggling, deleting and clearing work without JavaScript. Once
// JavaScript runs, changes show at once and go to /api/v1/todos in the background
// (TodoStore); a refused change is undone and its reason announced.
import {
  startTransition,
  useActionState,
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
  type FormEvent,
} from "react";
import { IDLE, type FormState } from "@/lib/forms/form-state";
import type { TodoItem as TodoItemData } from "@/lib/todos/todo-json";
import {
  countActive,
  FILTER_LABELS,
  filterFromLocation,
  filterHref,
  itemsLeftWord,
  listPageHref,
  matchesFilter,
  SHOW_MORE_STEP,
} from "@/lib/todos/todo-list";
import { TODO_FILTERS, todoTitleSchema, type TodoFilter } from "@/lib/validation/todos";
import { sendTodoOp } from "./todo-api";
import { ButtonWords, LIST_FORM_ID, TodoItem } from "./todo-item";
import { TodoStore, visibleTodos, type ClientTodo } from "./todo-store";
import "./todos.css";

type FormAction = (previous: FormState, formData: FormData) => Promise<FormState>;

type Props = {
  initialTodos: TodoItemData[];
  /** The filter the server rendered (from `?filter=`); a hash route takes over in the browser. */
  initialFilter: TodoFilter;
  /** How many items of the filtered list the server rendered (`?limit=`). */
  initialLimit: number;
  addAction: FormAction;
  listAction: FormAction;
};

function subscribeToLocation(onChange: () => void) {
  window.addEventListener("hashchange", onChange);
  window.addEventListener("popstate", onChange);
  return () => {
    window.removeEventListener("hashchange", onChange);
    window.removeEventListener("popstate", onChange);
  };
}

const subscribeToNothing = () => () => {};

/** Items the browser adds per step while it renders a long list in the background. */
const RENDER_STEP = 1000;

/** What a form posted without JavaScript came back with: the field's message first. */
function formMessage(state: FormState): string | null {
  if (state.status !== "error") return null;
  return state.errors?.title?.[0] ?? state.errors?.intent?.[0] ?? state.message ?? null;
}

export function TodoApp({ initialTodos, initialFilter, initialLimit, addAction, listAction }: Props) {
  const [store] = useState(() => new TodoStore(initialTodos, sendTodoOp));
  const state = useSyncExternalStore(store.subscribe, store.getState, store.getState);
  const todos = useMemo(() => visibleTodos(state), [state]);
  const filter = useSyncExternalStore(subscribeToLocation, () => filterFromLocation(window.location), () => initialFilter);
  // False on the server and while hydrating: links then point where a page without JavaScript can go.
  const hydrated = useSyncExternalStore(subscribeToNothing, () => true, () => false);
  const [addState, addFormAction] = useActionState(addAction, IDLE);
  const [listState, listFormAction] = useActionState(listAction, IDLE);
  const [editingKey, setEditingKey] = useState<string | null>(null);
  const newTodo = useRef<HTMLInputElement>(null);

  const busy = state.pending.length > 0;
  useEffect(() => {
    if (!busy) return;
    // Leaving while changes are still on their way would lose them: ask first.
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [busy]);

  const matching = useMemo(() => todos.filter((todo) => matchesFilter(todo, filter)), [todos, filter]);
  // The server rendered the first items; the rest follow in the background, a step at a
  // time, so that the page is usable at once however long the list.
  const [limit, setLimit] = useState(initialLimit);
  const shown = limit < matching.length ? matching.slice(0, limit) : matching;
  useEffect(() => {
    if (limit >= matching.length) return;
    const next = setTimeout(() => startTransition(() => setLimit((current) => current + RENDER_STEP)), 0);
    return () => clearTimeout(next);
  }, [limit, matching.length]);
  const activeCount = countActive(todos);
  const completedCount = todos.length - activeCount;
  const message = state.message ?? formMessage(addState) ?? formMessage(listState);

  const onAdd = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const input = newTodo.current!;
    if (input.value.trim() === "") return;
    const parsed = todoTitleSchema.safeParse(input.value);
    if (!parsed.success) {
      store.notify(parsed.error.issues[0]?.message ?? "That title cannot be saved.");
      return;
    }
    void store.enqueue({ kind: "create", title: parsed.data });
    input.value = "";
  };

  const onToggle = useCallback((id: number, completed: boolean) => void store.enqueue({ kind: "update", id, changes: { completed } }), [store]);
  const onDestroy = useCallback((id: number) => void store.enqueue({ kind: "delete", id }), [store]);
  const onEdit = useCallback((key: string) => setEditingKey(key), []);
  const onSave = useCallback(
    (todo: ClientTodo, title: string | null): boolean => {
      if (title !== null && title.trim() === "") {
        void store.enqueue({ kind: "delete", id: todo.id });
      } else if (title !== null) {
        const parsed = todoTitleSchema.safeParse(title);
        if (!parsed.success) {
          store.notify(parsed.error.issues[0]?.message ?? "That title cannot be saved.");
          return false;
        }
        if (parsed.data !== todo.title) void store.enqueue({ kind: "update", id: todo.id, changes: { title: parsed.data } });
      }
      setEditingKey(null);
      return true;
    },
    [store],
  );

  const linkStyle = hydrated ? "hash" : "query";

  return (
    <section className="todoapp">
      {/* The list's buttons belong to this form (form="…"), wherever they sit. */}
      <form id={LIST_FORM_ID} action={listFormAction}>
        <input type="hidden" name="filter" value={filter} />
        <input type="hidden" name="limit" value={initialLimit} />
      </form>
      <header className="header">
        <h1>Todos</h1>
        <div className="todo-message-row">
          <p id="todo-message" className="todo-message" role="alert">
            {message}
          </p>
          {state.message ? (
            <button type="button" className="dismiss" onClick={() => store.notify(null)}>
              Dismiss
            </button>
          ) : null}
        </div>
        <form action={addFormAction} onSubmit={onAdd}>
          <input type="hidden" name="filter" value={filter} />
          <input type="hidden" name="limit" value={initialLimit} />
          <label className="visually-hidden" htmlFor="new-todo">
            What needs to be done?
          </label>
          <input
            ref={newTodo}
            id="new-todo"
            className="new-todo"
            name="title"
            placeholder="What needs to be done?"
            autoComplete="off"
            // TodoMVC's app spec: the new-todo field has the focus when the page opens.
            autoFocus
            defaultValue={typeof addState.values?.title === "string" ? addState.values.title : undefined}
            aria-describedby="todo-message"
          />
        </form>
      </header>
      {todos.length > 0 ? (
        <section className="main" aria-label="Todo list">
          <input
            id="toggle-all"
            className="toggle-all"
            type="checkbox"
            checked={activeCount === 0}
            onChange={(event) => void store.enqueue({ kind: "toggle-all", completed: event.currentTarget.checked })}
          />
          <label htmlFor="toggle-all">
            <span className="visually-hidden">Mark all as complete</span>
          </label>
          <noscript>
            <button type="submit" form={LIST_FORM_ID} name="intent" value={activeCount === 0 ? "activate-all" : "complete-all"} className="toggle-all-button">
              {activeCount === 0 ? "Reopen all" : "Complete all"}
            </button>
          </noscript>
          {/* Busy while changes are on their way to the server. */}
          <ButtonWords />
          <ul className="todo-list" aria-busy={busy || undefined}>
            {shown.map((todo) => (
              <TodoItem
                key={todo.key}
                todo={todo}
                editing={editingKey === todo.key}
                scripted={hydrated}
                onToggle={onToggle}
                onDestroy={onDestroy}
                onEdit={onEdit}
                onSave={onSave}
              />
            ))}
          </ul>
          {!hydrated && shown.length < matching.length ? (
            <p className="show-more">
              <a href={listPageHref(filter, limit + SHOW_MORE_STEP)}>Show more</a> ({shown.length} of {matching.length} shown)
            </p>
          ) : null}
        </section>
      ) : null}
      {todos.length > 0 ? (
        <footer className="footer">
          <span className="todo-count">
            <strong>{activeCount}</strong> {itemsLeftWord(activeCount)}
          </span>
          <ul className="filters" aria-label="Filter">
            {TODO_FILTERS.map((name) => (
              <li key={name}>
                <a
                  href={filterHref(name, linkStyle)}
                  className={filter === name ? "selected" : undefined}
                  aria-current={filter === name ? "page" : undefined}
                >
                  {FILTER_LABELS[name]}
                </a>
              </li>
            ))}
          </ul>
          {completedCount > 0 ? (
            <button
              type="submit"
              form={LIST_FORM_ID}
              name="intent"
              value="clear-completed"
              className="clear-completed"
              onClick={(event) => {
                event.preventDefault();
                void store.enqueue({ kind: "clear-completed" });
              }}
            >
              Clear completed
            </button>
          ) : null}
        </footer>
      ) : null}
    </section>
  );
}
