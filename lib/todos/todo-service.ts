// Todos: the one module that reads and changes them, for the page, its server actions and
// the API alike. Every function takes the caller and every query is scoped by the owner,
// so another person's todo cannot be read, changed or deleted: it is simply not found
// (404, never 403, so that nobody learns which ids exist).
import type { CurrentUser } from "../identity/current-user.ts";
import { directReaderFor, type Db } from "../db/client.ts";
import { asBoolean, asIsoTime, type Row } from "../db/direct-reads.ts";
import { isPrismaError } from "../db/errors.ts";
import { orderBySql } from "../db/sql-names.ts";
import { inLockedTransaction, type Tx } from "../db/transactions.ts";
import { NotFoundError, RuleViolationError } from "../errors.ts";
import { LIMIT_REACHED, TODO_LIMIT, type CreateTodoInput, type TodoChanges } from "../validation/todos.ts";
import { toTodoJson, todoSelect, type TodoItem, type TodoJson } from "./todo-json.ts";
import { TODO_LIST_ORDER } from "./todo-list.ts";

/** The database's side of compareTodos: TODO_LIST_ORDER, for Prisma. */
const LIST_ORDER = TODO_LIST_ORDER.map((column) => ({ [column]: "asc" }) as Partial<Record<typeof column, "asc">>);

/**
 * New todos go at max(order) + 1. Clients can set orders only within ±TODO_ORDER_MAX, so
 * the 32-bit column overflows only after a billion appends at the end; should a list ever
 * get there, it is renumbered 1..n first (same order, new numbers).
 */
export const ORDER_CEILING = 2_000_000_000;

const notFound = () => new NotFoundError("No todo with that id.");

// The list and the single todo are the API's most frequent reads, so they go through the
// direct path (lib/db/direct-reads.ts); the list is sorted by TODO_LIST_ORDER.
const TODO_COLUMNS = `t."id", t."title", t."completed", t."order", t."createdAt", t."updatedAt"`;
export const LIST_SQL = `SELECT ${TODO_COLUMNS} FROM "todos" t WHERE t."ownerId" = ? ${orderBySql("t", TODO_LIST_ORDER)}`;
const ONE_SQL = `SELECT ${TODO_COLUMNS} FROM "todos" t WHERE t."id" = ? AND t."ownerId" = ?`;

function todoFromRow(row: Row): TodoJson {
  return {
    id: Number(row.id),
    title: String(row.title),
    completed: asBoolean(row.completed),
    order: Number(row.order),
    createdAt: asIsoTime(row.createdAt),
    updatedAt: asIsoTime(row.updatedAt),
  };
}

export async function listTodos(db: Db, user: CurrentUser): Promise<TodoJson[]> {
  return (await directReaderFor(db).all(LIST_SQL, [user.id])).map(todoFromRow);
}

/** The list page's view of the same list: the four fields it shows, in the same order. */
export async function listTodoItems(db: Db, user: CurrentUser): Promise<TodoItem[]> {
  return (await listTodos(db, user)).map(({ id, title, completed, order }) => ({ id, title, completed, order }));
}

export async function getTodo(db: Db, user: CurrentUser, id: number): Promise<TodoJson> {
  const [row] = await directReaderFor(db).all(ONE_SQL, [id, user.id]);
  if (!row) throw notFound();
  return todoFromRow(row);
}

/** Appends a todo at the end of the caller's list; refused beyond TODO_LIMIT todos. */
export async function createTodo(db: Db, user: CurrentUser, { title }: CreateTodoInput): Promise<TodoJson> {
  // One person's concurrent adds queue on their own lock: the count and max(order) each
  // reads stay true until it has written.
  return inLockedTransaction(db, user.id, async (tx) => {
    const count = await tx.todo.count({ where: { ownerId: user.id } });
    if (count >= TODO_LIMIT) throw new RuleViolationError(LIMIT_REACHED);
    const last = await tx.todo.aggregate({ where: { ownerId: user.id }, _max: { order: true } });
    let order = (last._max.order ?? 0) + 1;
    if (order > ORDER_CEILING) order = (await renumber(tx, user.id)) + 1;
    const row = await tx.todo.create({ data: { ownerId: user.id, title, completed: false, order }, select: todoSelect });
    return toTodoJson(row);
  }).catch((error: unknown) => {
    // The account was deleted while this request was on its way: nothing of theirs to add to.
    if (isPrismaError(error, "P2003")) throw new NotFoundError("This account no longer exists.");
    throw error;
  });
}

/** Gives the list the orders 1..n, keeping it as it is; answers n. */
async function renumber(tx: Tx, ownerId: string): Promise<number> {
  const rows = await tx.todo.findMany({ where: { ownerId }, orderBy: LIST_ORDER, select: { id: true } });
  for (const [index, { id }] of rows.entries()) {
    await tx.todo.update({ where: { id }, data: { order: index + 1 } });
  }
  return rows.length;
}

/** Changes any of title, completed and order; an empty change answers the todo as it is. */
export async function updateTodo(db: Db, user: CurrentUser, id: number, changes: TodoChanges): Promise<TodoJson> {
  const data = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)) as TodoChanges;
  if (Object.keys(data).length === 0) return getTodo(db, user, id);
  try {
    const row = await db.todo.update({ where: { id, ownerId: user.id }, data, select: todoSelect });
    return toTodoJson(row);
  } catch (error) {
    // P2025: no row matched the id *and* the owner.
    if (isPrismaError(error, "P2025")) throw notFound();
    throw error;
  }
}

export async function deleteTodo(db: Db, user: CurrentUser, id: number): Promise<void> {
  const { count } = await db.todo.deleteMany({ where: { id, ownerId: user.id } });
  if (count === 0) throw notFound();
}

/** Marks every todo of the caller completed (or active); answers how many changed. */
export async function toggleAll(db: Db, user: CurrentUser, completed: boolean): Promise<number> {
  const { count } = await db.todo.updateMany({ where: { ownerId: user.id, completed: !completed }, data: { completed } });
  return count;
}

/** Deletes the caller's completed todos; answers how many. */
export async function clearCompleted(db: Db, user: CurrentUser): Promise<number> {
  const { count } = await db.todo.deleteMany({ where: { ownerId: user.id, completed: true } });
  return count;
}
