import { describe, expect, it } from "vitest";
import { currentUserSelect, toCurrentUser, type CurrentUser } from "../identity/current-user.ts";
import type { Db } from "../db/client.ts";
import { NotFoundError, RuleViolationError } from "../errors.ts";
import { newStaff } from "../testing/people.ts";
import { setUpTestDb } from "../testing/set-up-test-db.ts";
import { LIMIT_REACHED, TODO_LIMIT } from "../validation/todos.ts";
import { sortTodos } from "./todo-list.ts";
import {
  clearCompleted,
  createTodo,
  deleteTodo,
  getTodo,
  listTodos,
  ORDER_CEILING,
  toggleAll,
  updateTodo,
} from "./todo-service.ts";

let db: Db;
setUpTestDb("file", (fresh) => {
  db = fresh;
});
let people = 0;

async function person(): Promise<CurrentUser> {
  people += 1;
  const staff = await newStaff(db, { email: `person${people}@todos.test`, lastName: `Person ${people}` });
  return toCurrentUser(await db.user.findUnique({ where: { id: staff.id }, select: currentUserSelect }))!;
}

const titles = async (user: CurrentUser) => (await listTodos(db, user)).map((todo) => todo.title);

describe("ordering", () => {
  it("appends new todos at the end, at the largest order plus one", async () => {
    const pat = await person();
    const first = await createTodo(db, pat, { title: "buy some cheese" });
    const second = await createTodo(db, pat, { title: "feed the cat" });
    expect(first.order).toBe(1);
    expect(second.order).toBe(2);
    expect(first).toEqual({
      id: first.id,
      title: "buy some cheese",
      completed: false,
      order: 1,
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      updatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    // After moving one to the front, the next still goes after the largest order.
    await updateTodo(db, pat, second.id, { order: -5 });
    const third = await createTodo(db, pat, { title: "book a doctors appointment" });
    expect(third.order).toBe(2);
    expect(await titles(pat)).toEqual(["feed the cat", "buy some cheese", "book a doctors appointment"]);
  });

  it("lists by order, then by id when orders are equal, exactly as the browser sorts", async () => {
    const pat = await person();
    const a = await createTodo(db, pat, { title: "a" });
    const b = await createTodo(db, pat, { title: "b" });
    const c = await createTodo(db, pat, { title: "c" });
    await updateTodo(db, pat, c.id, { order: b.order });
    await updateTodo(db, pat, a.id, { order: 3 });
    const listed = await listTodos(db, pat);
    expect(listed.map((todo) => [todo.title, todo.order])).toEqual([
      ["b", 2],
      ["c", 2],
      ["a", 3],
    ]);
    expect(listed).toEqual(sortTodos(listed));
  });

  it("renumbers the list, keeping it in order, before the orders would overflow", async () => {
    const pat = await person();
    const a = await createTodo(db, pat, { title: "a" });
    const b = await createTodo(db, pat, { title: "b" });
    await db.todo.update({ where: { id: b.id }, data: { order: ORDER_CEILING } });
    await db.todo.update({ where: { id: a.id }, data: { order: -7 } });
    const c = await createTodo(db, pat, { title: "c" });
    expect((await listTodos(db, pat)).map((todo) => [todo.title, todo.order])).toEqual([
      ["a", 1],
      ["b", 2],
      ["c", 3],
    ]);
    expect(c.order).toBe(3);
  });
});

describe("changes", () => {
  it("updates title, completed and order, and an empty change changes nothing", async () => {
    const pat = await person();
    const todo = await createTodo(db, pat, { title: "old" });
    const changed = await updateTodo(db, pat, todo.id, { title: "new", completed: true, order: 9 });
    expect(changed).toMatchObject({ id: todo.id, title: "new", completed: true, order: 9 });
    expect(await updateTodo(db, pat, todo.id, {})).toEqual(changed);
    expect(await getTodo(db, pat, todo.id)).toEqual(changed);
  });

  it("toggles all and clears completed, answering how many", async () => {
    const pat = await person();
    for (const title of ["one", "two", "three"]) await createTodo(db, pat, { title });
    const [one] = await listTodos(db, pat);
    await updateTodo(db, pat, one!.id, { completed: true });
    expect(await toggleAll(db, pat, true)).toBe(2);
    expect((await listTodos(db, pat)).every((todo) => todo.completed)).toBe(true);
    expect(await toggleAll(db, pat, false)).toBe(3);
    await updateTodo(db, pat, one!.id, { completed: true });
    expect(await clearCompleted(db, pat)).toBe(1);
    expect(await titles(pat)).toEqual(["two", "three"]);
    expect(await clearCompleted(db, pat)).toBe(0);
  });

  it("deletes a todo, after which it is not found", async () => {
    const pat = await person();
    const todo = await createTodo(db, pat, { title: "gone soon" });
    await deleteTodo(db, pat, todo.id);
    await expect(getTodo(db, pat, todo.id)).rejects.toThrow(NotFoundError);
    await expect(deleteTodo(db, pat, todo.id)).rejects.toThrow(NotFoundError);
  });
});

describe("isolation", () => {
  it("never shows or changes another person's todos: their ids are simply not found", async () => {
    const owner = await person();
    const other = await person();
    const mine = await createTodo(db, owner, { title: "mine" });
    await createTodo(db, other, { title: "theirs" });

    expect(await titles(owner)).toEqual(["mine"]);
    expect(await titles(other)).toEqual(["theirs"]);
    await expect(getTodo(db, other, mine.id)).rejects.toThrow(NotFoundError);
    await expect(updateTodo(db, other, mine.id, { completed: true })).rejects.toThrow(NotFoundError);
    await expect(updateTodo(db, other, mine.id, {})).rejects.toThrow(NotFoundError);
    await expect(deleteTodo(db, other, mine.id)).rejects.toThrow(NotFoundError);

    await toggleAll(db, other, true);
    await clearCompleted(db, other);
    expect(await getTodo(db, owner, mine.id)).toMatchObject({ title: "mine", completed: false });
    expect(await titles(other)).toEqual([]);
  });
});

describe("the limit", () => {
  it(`refuses the ${TODO_LIMIT + 1}th todo with a clear message, and accepts one again after a delete`, async () => {
    const pat = await person();
    await db.todo.createMany({
      data: Array.from({ length: TODO_LIMIT }, (_, index) => ({ ownerId: pat.id, title: `todo ${index + 1}`, order: index + 1 })),
    });
    const refusal = await createTodo(db, pat, { title: "one too many" }).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(RuleViolationError);
    expect((refusal as Error).message).toBe(LIMIT_REACHED);

    const [first] = await listTodos(db, pat);
    await deleteTodo(db, pat, first!.id);
    expect(await createTodo(db, pat, { title: "room again" })).toMatchObject({ order: TODO_LIMIT + 1 });
  });
});
