// /api/v1/todos (issue 3, PRODUCT.md "JSON API"): every endpoint, and every error status a
// client can cause. Authenticated by the session cookie of a logged-in page (writes then
// need a same-origin Origin header), and by a Bearer token, which needs none.
import type { APIRequestContext, APIResponse } from "@playwright/test";
import { currentUserSelect, toCurrentUser } from "../lib/identity/current-user";
import { createApiToken } from "../lib/tokens/token-service";
import { BASE_URL } from "./support/env";
import { expect, test, type Person } from "./support/fixtures";
import { seedTodos } from "./support/todos";

const TODOS = "/api/v1/todos";
const ORIGIN = { Origin: BASE_URL };
const TODO_KEYS = ["completed", "createdAt", "id", "order", "title", "updatedAt"];

type Todo = { id: number; title: string; completed: boolean; order: number; createdAt: string; updatedAt: string };

let person: Person;
let api: APIRequestContext;

test.beforeEach(async ({ page, createPerson, login }) => {
  person = await createPerson();
  await login(page, person);
  api = page.request;
});

/** A cookie-authenticated call from this site, as the page itself makes it. */
const send = (method: "POST" | "PATCH" | "PUT" | "DELETE", path: string, data?: unknown) =>
  api.fetch(path, { method, headers: ORIGIN, ...(data === undefined ? {} : { data }) });

async function create(title: string): Promise<Todo> {
  const response = await send("POST", TODOS, { title });
  expect(response.status()).toBe(201);
  return ((await response.json()) as { todo: Todo }).todo;
}

async function expectError(response: APIResponse, status: number, code: string): Promise<{ message: string; fields?: Record<string, string[]> }> {
  expect(response.status()).toBe(status);
  expect(response.headers()["content-type"]).toMatch(/^application\/json/);
  const body = (await response.json()) as { error: { code: string; message: string; fields?: Record<string, string[]> } };
  expect(body.error.code).toBe(code);
  expect(body.error.message).toEqual(expect.any(String));
  return body.error;
}

const listTitles = async () => ((await (await api.get(TODOS)).json()) as { todos: Todo[] }).todos.map((todo) => todo.title);

test.describe("endpoints", () => {
  test("GET lists, POST creates (201), GET reads, PATCH and PUT update, DELETE deletes (204)", async () => {
    const empty = await api.get(TODOS);
    expect(empty.status()).toBe(200);
    expect(await empty.json()).toEqual({ todos: [] });

    const created = await send("POST", TODOS, { title: "  buy some cheese " });
    expect(created.status()).toBe(201);
    const { todo } = (await created.json()) as { todo: Todo };
    expect(Object.keys(todo).sort()).toEqual(TODO_KEYS);
    expect(todo).toMatchObject({ title: "buy some cheese", completed: false, order: 1 });
    expect(new Date(todo.createdAt).toISOString()).toBe(todo.createdAt);

    expect(await (await api.get(`${TODOS}/${todo.id}`)).json()).toEqual({ todo });
    expect(await (await api.get(TODOS)).json()).toEqual({ todos: [todo] });

    const patched = await send("PATCH", `${TODOS}/${todo.id}`, { completed: true });
    expect(patched.status()).toBe(200);
    expect(((await patched.json()) as { todo: Todo }).todo).toMatchObject({ id: todo.id, title: "buy some cheese", completed: true });

    const put = await send("PUT", `${TODOS}/${todo.id}`, { title: "buy some sausages", completed: false, order: 7 });
    expect(put.status()).toBe(200);
    expect(((await put.json()) as { todo: Todo }).todo).toMatchObject({ title: "buy some sausages", completed: false, order: 7 });

    const deleted = await send("DELETE", `${TODOS}/${todo.id}`);
    expect(deleted.status()).toBe(204);
    expect(await deleted.text()).toBe("");
    await expectError(await api.get(`${TODOS}/${todo.id}`), 404, "not_found");
    await expectError(await send("DELETE", `${TODOS}/${todo.id}`), 404, "not_found");
  });

  test("the list comes in order: new todos at the end, then by the order a client sets", async () => {
    const first = await create("first");
    const second = await create("second");
    const third = await create("third");
    expect([first.order, second.order, third.order]).toEqual([1, 2, 3]);
    expect(await listTitles()).toEqual(["first", "second", "third"]);

    await send("PATCH", `${TODOS}/${third.id}`, { order: 0 });
    expect(await listTitles()).toEqual(["third", "first", "second"]);
    // Equal orders: the older todo first.
    await send("PATCH", `${TODOS}/${second.id}`, { order: 1 });
    expect(await listTitles()).toEqual(["third", "first", "second"]);
    expect((await create("fourth")).order).toBe(2);
    expect(await listTitles()).toEqual(["third", "first", "second", "fourth"]);
  });

  test("toggle-all and clear-completed answer how many they changed", async () => {
    const [a] = [await create("a"), await create("b"), await create("c")];
    const toggled = await send("POST", `${TODOS}/toggle-all`, { completed: true });
    expect(await toggled.json()).toEqual({ updated: 3 });
    await send("PATCH", `${TODOS}/${a!.id}`, { completed: false });

    const cleared = await send("POST", `${TODOS}/clear-completed`);
    expect(cleared.status()).toBe(200);
    expect(await cleared.json()).toEqual({ deleted: 2 });
    expect(await listTitles()).toEqual(["a"]);
    expect(await (await send("POST", `${TODOS}/clear-completed`)).json()).toEqual({ deleted: 0 });
  });

  test("a Bearer token works the same, without an Origin header", async ({ playwright, db }) => {
    const owner = toCurrentUser(await db.user.findUnique({ where: { id: person.id }, select: currentUserSelect }))!;
    const { token } = await createApiToken(db, owner, "e2e");
    const script = await playwright.request.newContext({ baseURL: BASE_URL, extraHTTPHeaders: { Authorization: `Bearer ${token}` } });

    const created = await script.post(TODOS, { data: { title: "from a script" } });
    expect(created.status()).toBe(201);
    expect(await listTitles()).toEqual(["from a script"]);
    expect(((await (await script.get(TODOS)).json()) as { todos: Todo[] }).todos.map((todo) => todo.title)).toEqual(["from a script"]);
    await script.dispose();
  });
});

test.describe("errors", () => {
  test("401 without credentials, with WWW-Authenticate", async ({ playwright }) => {
    const anonymous = await playwright.request.newContext({ baseURL: BASE_URL });
    for (const response of [await anonymous.get(TODOS), await anonymous.post(TODOS, { data: { title: "x" }, headers: ORIGIN })]) {
      await expectError(response, 401, "unauthorized");
      expect(response.headers()["www-authenticate"]).toContain("Bearer");
    }
    await anonymous.dispose();
  });

  test("403 for a cookie-authenticated write without this site's Origin", async () => {
    await expectError(await api.post(TODOS, { data: { title: "no origin" } }), 403, "cross_origin_refused");
    await expectError(await api.post(TODOS, { data: { title: "evil" }, headers: { Origin: "https://evil.example" } }), 403, "cross_origin_refused");
    await expectError(await api.post(`${TODOS}/clear-completed`), 403, "cross_origin_refused");
    expect(await listTitles()).toEqual([]);
  });

  test("404 for another person's todo, whatever the method, and it stays as it was", async ({ createPerson, db }) => {
    const owner = await createPerson();
    const theirs = await db.todo.create({ data: { ownerId: owner.id, title: "their todo", order: 1, completed: true } });
    const path = `${TODOS}/${theirs.id}`;

    const notFound = await expectError(await api.get(path), 404, "not_found");
    await expectError(await send("PATCH", path, { title: "mine now" }), 404, "not_found");
    await expectError(await send("PUT", path, { completed: false }), 404, "not_found");
    await expectError(await send("DELETE", path), 404, "not_found");
    // The same answer as for an id that does not exist: nothing tells the two apart.
    expect(await expectError(await api.get(`${TODOS}/${theirs.id + 100_000}`), 404, "not_found")).toEqual(notFound);

    await send("POST", `${TODOS}/toggle-all`, { completed: false });
    await send("POST", `${TODOS}/clear-completed`);
    expect(await listTitles()).toEqual([]);
    expect(await db.todo.findUnique({ where: { id: theirs.id } })).toMatchObject({ ownerId: owner.id, title: "their todo", completed: true });
  });

  test("404 for ids that cannot name a todo", async () => {
    for (const id of ["abc", "0", "-1", "1.5", "99999999999"]) {
      await expectError(await api.get(`${TODOS}/${id}`), 404, "not_found");
    }
  });

  test("400 for a body that is not JSON", async () => {
    const text = await api.post(TODOS, { headers: { ...ORIGIN, "Content-Type": "text/plain" }, data: "buy milk" });
    await expectError(text, 400, "unsupported_content_type");
    const form = await api.post(TODOS, { headers: ORIGIN, form: { title: "buy milk" } });
    await expectError(form, 400, "unsupported_content_type");
    const malformed = await api.post(TODOS, { headers: { ...ORIGIN, "Content-Type": "application/json" }, data: Buffer.from('{"title": "buy milk"') });
    await expectError(malformed, 400, "invalid_json");
    const empty = await api.fetch(TODOS, { method: "POST", headers: { ...ORIGIN, "Content-Type": "application/json" } });
    await expectError(empty, 400, "invalid_json");
    expect(await listTitles()).toEqual([]);
  });

  test("413 for a body over 1 MB", async () => {
    const huge = JSON.stringify({ title: "x".repeat(1024 * 1024) });
    await expectError(await api.post(TODOS, { headers: { ...ORIGIN, "Content-Type": "application/json" }, data: huge }), 413, "payload_too_large");
    const todo = await create("small");
    await expectError(
      await api.patch(`${TODOS}/${todo.id}`, { headers: { ...ORIGIN, "Content-Type": "application/json" }, data: huge }),
      413,
      "payload_too_large",
    );
  });

  test("422 with the field's message for invalid fields", async () => {
    const tooLong = await expectError(await send("POST", TODOS, { title: "a".repeat(501) }), 422, "validation_failed");
    expect(tooLong.fields).toEqual({ title: ["Use at most 500 characters."] });
    expect((await create("a".repeat(500))).title).toHaveLength(500);

    expect((await expectError(await send("POST", TODOS, { title: "   " }), 422, "validation_failed")).fields).toEqual({
      title: ["Enter what needs to be done."],
    });
    expect((await expectError(await send("POST", TODOS, {}), 422, "validation_failed")).fields).toHaveProperty("title");
    expect((await expectError(await send("POST", TODOS, ["buy milk"]), 422, "validation_failed")).fields).toBeDefined();

    const todo = await create("valid");
    const path = `${TODOS}/${todo.id}`;
    await expectError(await send("PATCH", path, { done: true }), 422, "validation_failed");
    await expectError(await send("PATCH", path, { completed: "yes" }), 422, "validation_failed");
    await expectError(await send("PUT", path, { title: "b".repeat(501) }), 422, "validation_failed");
    await expectError(await send("PATCH", path, { order: 1.5 }), 422, "validation_failed");
    await expectError(await send("PATCH", path, { order: 2 ** 31 }), 422, "validation_failed");
    await expectError(await send("POST", `${TODOS}/toggle-all`, {}), 422, "validation_failed");
    expect(await (await api.get(path)).json()).toEqual({ todo });
  });

  test("422 for the 10,001st todo, after a list of 10,000 that still comes back whole and in order", async ({ db }) => {
    test.slow();
    await seedTodos(db, person.id, 10_000);
    const listed = (await (await api.get(TODOS)).json()) as { todos: Todo[] };
    expect(listed.todos).toHaveLength(10_000);
    expect(listed.todos[0]!.title).toBe("todo 1");
    expect(listed.todos.at(-1)!.title).toBe("todo 10000");
    expect(listed.todos.every((todo, index) => index === 0 || todo.order > listed.todos[index - 1]!.order)).toBe(true);

    const refused = await expectError(await send("POST", TODOS, { title: "one too many" }), 422, "rule_violation");
    expect(refused.message).toBe("You have 10,000 todos, the most one person can keep. Clear completed ones or delete some first.");
    expect(await db.todo.count({ where: { ownerId: person.id } })).toBe(10_000);
  });
});
