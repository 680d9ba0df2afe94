// The list's rules that the server and the browser must agree on: the order todos are
// shown in, which ones a filter shows, and how the counter reads. Pure functions, no I/O.
import { parseTodoFilter, type TodoFilter } from "../validation/todos.ts";

/** The columns the list is sorted by, first to last, all ascending. */
export const TODO_LIST_ORDER = ["order", "id"] as const;

type Ordered = Record<(typeof TODO_LIST_ORDER)[number], number>;
type Completable = { completed: boolean };

/**
 * The list order: by `order`, then by id (so by creation) when two orders are equal. New
 * todos get the largest order plus one, so they go at the end; the API may set `order`.
 * The database sorts by the same TODO_LIST_ORDER (lib/todos/todo-service.ts).
 */
export function compareTodos(a: Ordered, b: Ordered): number {
  for (const key of TODO_LIST_ORDER) {
    if (a[key] !== b[key]) return a[key] - b[key];
  }
  return 0;
}

export function sortTodos<T extends Ordered>(todos: readonly T[]): T[] {
  return [...todos].sort(compareTodos);
}

/** The order a todo appended to this list gets. */
export function nextOrder(todos: readonly Ordered[]): number {
  return todos.reduce((max, todo) => Math.max(max, todo.order), 0) + 1;
}

export function matchesFilter(todo: Completable, filter: TodoFilter): boolean {
  return filter === "all" || (filter === "completed") === todo.completed;
}

export function countActive(todos: readonly Completable[]): number {
  return todos.reduce((count, todo) => count + (todo.completed ? 0 : 1), 0);
}

/** "1 item left", "0 items left", "2 items left": the word after the number. */
export function itemsLeftWord(count: number): string {
  return count === 1 ? "item left" : "items left";
}

export const FILTER_LABELS: Record<TodoFilter, string> = { all: "All", active: "Active", completed: "Completed" };

/** With JavaScript the filters are hash routes (TodoMVC's); without, the server filters by query. */
export function filterHref(filter: TodoFilter, style: "hash" | "query"): string {
  if (style === "hash") return filter === "all" ? "#/" : `#/${filter}`;
  return listPageHref(filter);
}

/** The filter a location asks for: its hash route if it has one (`#/active`), else `?filter=`. */
export function filterFromLocation(location: { hash: string; search: string }): TodoFilter {
  if (location.hash.startsWith("#/")) return parseTodoFilter(location.hash);
  return parseTodoFilter(new URLSearchParams(location.search).get("filter"));
}

/**
 * How many items of the filtered list the server renders. A page of 10,000 items would
 * weigh megabytes and take seconds to hydrate; the browser then renders the rest in the
 * background (TodoApp), and without JavaScript a "Show more" link asks for more.
 */
export const FIRST_RENDER = 200;
export const SHOW_MORE_STEP = 1000;

/** `?limit=`: how many items a page without JavaScript asked to see. */
export function parseShownLimit(value: unknown): number {
  const limit = typeof value === "string" && /^\d{1,6}$/.test(value) ? Number(value) : FIRST_RENDER;
  return Math.max(FIRST_RENDER, limit);
}

/** The server-rendered list: "/", "/?filter=active", "/?filter=active&limit=1200". */
export function listPageHref(filter: TodoFilter, limit = FIRST_RENDER): string {
  const query = new URLSearchParams();
  if (filter !== "all") query.set("filter", filter);
  if (limit > FIRST_RENDER) query.set("limit", String(limit));
  const search = query.toString();
  return search ? `/?${search}` : "/";
}
