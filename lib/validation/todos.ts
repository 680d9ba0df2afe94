// Todos: the one set of rules for a title, a change and an id, shared by the todo list in
// the browser, the server actions behind its forms and the /api/v1/todos route handlers.
// docs/todos.md explains the choices (limits, ordering, what works without JavaScript).
import { z } from "zod";
import { textFieldSchema } from "./fields.ts";
import { idDigitsSource, positiveIdSchema } from "./ids.ts";

export const TODO_TITLE_MAX = 500;
/** How many todos one person may hold; one more is refused with a clear message (422). */
export const TODO_LIMIT = 10_000;
/**
 * Orders a client may set. The column is a 32-bit integer on both databases; this bound
 * leaves room above it for new todos (appended at max + 1) before the list is renumbered.
 */
export const TODO_ORDER_MAX = 1_000_000_000;
/** Ids are 32-bit integers: anything larger cannot name a todo. */
const TODO_ID_MAX = 2_147_483_647;

export const TITLE_REQUIRED = "Enter what needs to be done.";
export const TITLE_TOO_LONG = `Use at most ${TODO_TITLE_MAX} characters.`;
export const LIMIT_REACHED = `You have ${TODO_LIMIT.toLocaleString("en")} todos, the most one person can keep. Clear completed ones or delete some first.`;

/**
 * A title: trimmed, 1–500 characters. Characters are counted as people count them (code
 * points, like Python's len() in the seeds), so an emoji is one character, not two.
 */
export const todoTitleSchema = textFieldSchema({
  required: TITLE_REQUIRED,
  notText: "Send the title as text.",
  max: TODO_TITLE_MAX,
  tooLong: TITLE_TOO_LONG,
  controls: "Remove line breaks and other control characters.",
});

export const todoOrderSchema = z
  .number({ error: "Send the order as a whole number." })
  .int("Send the order as a whole number.")
  .min(-TODO_ORDER_MAX, `Use an order between ${-TODO_ORDER_MAX} and ${TODO_ORDER_MAX}.`)
  .max(TODO_ORDER_MAX, `Use an order between ${-TODO_ORDER_MAX} and ${TODO_ORDER_MAX}.`);

/** POST /api/v1/todos, and the new-todo field of the page. */
export const createTodoSchema = z.strictObject({ title: todoTitleSchema });
export type CreateTodoInput = z.output<typeof createTodoSchema>;

/**
 * PATCH and PUT /api/v1/todos/{id}, and every change the page makes to one todo: any of
 * the three fields, nothing else. An empty object changes nothing.
 */
export const updateTodoSchema = z.strictObject({
  title: todoTitleSchema.optional(),
  completed: z.boolean({ error: "Send completed as true or false." }).optional(),
  order: todoOrderSchema.optional(),
});
export type TodoChanges = z.output<typeof updateTodoSchema>;

/** POST /api/v1/todos/toggle-all: mark every todo completed, or every todo active. */
export const toggleAllSchema = z.strictObject({
  completed: z.boolean({ error: "Send completed as true or false." }),
});

/** A todo's id in a path or a form: digits only, within the column's range. */
export const todoIdSchema = positiveIdSchema(TODO_ID_MAX);

export const todoParamsSchema = z.object({ id: todoIdSchema });

export const TODO_FILTERS = ["all", "active", "completed"] as const;
export type TodoFilter = (typeof TODO_FILTERS)[number];

/** `?filter=` (the server-rendered list) and `#/active` (the browser) both end up here; anything else means all. */
export function parseTodoFilter(value: unknown): TodoFilter {
  const name = typeof value === "string" ? value.replace(/^#?\/?/, "") : "";
  return (TODO_FILTERS as readonly string[]).includes(name) ? (name as TodoFilter) : "all";
}

/** Where a form posted without JavaScript returns to: the same filter, as many items shown. */
const returnFields = {
  filter: z.string().optional().transform(parseTodoFilter),
  limit: z.string().optional().transform((limit) => (limit && /^\d{1,6}$/.test(limit) ? Number(limit) : undefined)),
};

/** The new-todo form when it posts without JavaScript. */
export const createTodoFormSchema = z.object({ title: todoTitleSchema, ...returnFields });

/**
 * The list form when it posts without JavaScript: the submit button pressed says what to do
 * (`intent`), e.g. "complete:12", "delete:12" or "clear-completed".
 */
export type TodoListIntent =
  | { action: "complete" | "activate" | "delete"; id: number }
  | { action: "clear-completed" | "complete-all" | "activate-all" };

const SINGLE_INTENT = new RegExp(`^(complete|activate|delete):(${idDigitsSource(TODO_ID_MAX)})$`);

const intentSchema = z.string().transform((intent, ctx): TodoListIntent => {
  const single = SINGLE_INTENT.exec(intent);
  const id = single ? todoIdSchema.safeParse(single[2]) : undefined;
  if (single && id?.success) return { action: single[1] as "complete" | "activate" | "delete", id: id.data };
  if (intent === "clear-completed" || intent === "complete-all" || intent === "activate-all") return { action: intent };
  ctx.addIssue({ code: "custom", message: "That button does not do anything here." });
  return z.NEVER;
});

export const todoListFormSchema = z.object({ intent: intentSchema, ...returnFields });
