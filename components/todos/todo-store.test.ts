import { describe, expect, it } from "vitest";
import type { TodoJson } from "@/lib/todos/todo-json";
import { TodoStore, visibleTodos, type Outcome, type TodoOp } from "./todo-store";

const todo = (id: number, title: string, order = id, completed = false): TodoJson => ({
  id,
  title,
  completed,
  order,
  createdAt: "2026-11-23T10:00:00.000Z",
  updatedAt: "2026-11-23T10:00:00.000Z",
});

/** A fake server: requests wait until the test answers them, in the order they were sent. */
function fakeServer() {
  const requests: { op: TodoOp; answer: (outcome: Outcome) => void }[] = [];
  const send = (op: TodoOp) => new Promise<Outcome>((answer) => requests.push({ op, answer }));
  const next = async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
    return requests.shift()!;
  };
  return { send, next, requests };
}

const titles = (store: TodoStore) => visibleTodos(store.getState()).map((t) => `${t.title}${t.completed ? " ✓" : ""}`);

describe("TodoStore", () => {
  it("shows a change at once and keeps it when the server confirms", async () => {
    const server = fakeServer();
    const store = new TodoStore([todo(1, "buy some cheese")], server.send);
    const done = store.enqueue({ kind: "update", id: 1, changes: { completed: true } });
    expect(titles(store)).toEqual(["buy some cheese ✓"]);
    expect(store.getState().pending).toHaveLength(1);

    (await server.next()).answer({ ok: true, todo: { ...todo(1, "buy some cheese"), completed: true } });
    await done;
    expect(store.getState().pending).toEqual([]);
    expect(titles(store)).toEqual(["buy some cheese ✓"]);
  });

  it("undoes a refused change and keeps the server's reason", async () => {
    const server = fakeServer();
    const store = new TodoStore([todo(1, "a"), todo(2, "b")], server.send);
    const done = store.enqueue({ kind: "delete", id: 1 });
    expect(titles(store)).toEqual(["b"]);
    (await server.next()).answer({ ok: false, message: "Not saved: no." });
    await done;
    expect(titles(store)).toEqual(["a", "b"]);
    expect(store.getState().message).toBe("Not saved: no.");
  });

  it("keeps a refusal's message through later changes until it is dismissed; a notice goes with the next change", async () => {
    const server = fakeServer();
    const store = new TodoStore([todo(1, "a")], server.send);
    void store.enqueue({ kind: "delete", id: 1 });
    (await server.next()).answer({ ok: false, message: "Not saved: busy." });
    await new Promise((resolve) => setTimeout(resolve, 0));
    const done = store.enqueue({ kind: "create", title: "b" });
    expect(store.getState().message).toBe("Not saved: busy.");
    (await server.next()).answer({ ok: true, todo: todo(2, "b") });
    await done;
    expect(store.getState().message).toBe("Not saved: busy.");
    store.notify(null);
    expect(store.getState().message).toBeNull();

    store.notify("Use at most 500 characters.");
    void store.enqueue({ kind: "create", title: "c" });
    expect(store.getState().message).toBeNull();
  });

  it("sends one change at a time, in order, and undoes only the refused one", async () => {
    const server = fakeServer();
    const store = new TodoStore([todo(1, "a"), todo(2, "b")], server.send);
    void store.enqueue({ kind: "update", id: 1, changes: { completed: true } });
    const done = store.enqueue({ kind: "update", id: 2, changes: { title: "B" } });
    expect(titles(store)).toEqual(["a ✓", "B"]);
    expect(server.requests).toHaveLength(1); // the second waits for the first

    const first = await server.next();
    expect(first.op).toEqual({ kind: "update", id: 1, changes: { completed: true } });
    first.answer({ ok: false, message: "Not saved." });
    const second = await server.next();
    second.answer({ ok: true, todo: todo(2, "B") });
    await done;
    expect(titles(store)).toEqual(["a", "B"]);
  });

  it("appends a new todo and sends later changes to it under its real id", async () => {
    const server = fakeServer();
    const store = new TodoStore([todo(1, "a", 5)], server.send);
    void store.enqueue({ kind: "create", title: "new" });
    const created = visibleTodos(store.getState())[1]!;
    expect(created).toMatchObject({ title: "new", order: 6 });
    expect(created.id).toBeLessThan(0);
    const done = store.enqueue({ kind: "update", id: created.id, changes: { completed: true } });

    (await server.next()).answer({ ok: true, todo: todo(42, "new", 6) });
    const update = await server.next();
    expect(update.op).toEqual({ kind: "update", id: 42, changes: { completed: true } });
    update.answer({ ok: true, todo: todo(42, "new", 6, true) });
    await done;
    const [, saved] = visibleTodos(store.getState());
    // The browser's key survives the new id, so the item is not re-created on screen.
    expect(saved).toMatchObject({ id: 42, key: created.key, completed: true });
  });

  it("drops changes to a new todo whose creation was refused", async () => {
    const server = fakeServer();
    const store = new TodoStore([], server.send);
    void store.enqueue({ kind: "create", title: "too many" });
    const [created] = visibleTodos(store.getState());
    const done = store.enqueue({ kind: "delete", id: created!.id });
    (await server.next()).answer({ ok: false, message: "Not saved: the limit." });
    await done;
    expect(server.requests).toEqual([]);
    expect(store.getState()).toMatchObject({ confirmed: [], pending: [], message: "Not saved: the limit." });
  });

  it("removes a todo the server no longer has", async () => {
    const server = fakeServer();
    const store = new TodoStore([todo(1, "a"), todo(2, "b")], server.send);
    const done = store.enqueue({ kind: "update", id: 2, changes: { completed: true } });
    (await server.next()).answer({ ok: false, gone: true, message: "Not saved: gone." });
    await done;
    expect(titles(store)).toEqual(["a"]);
  });

  it("toggles all and clears completed", async () => {
    const server = fakeServer();
    const store = new TodoStore([todo(1, "a"), todo(2, "b", 2, true)], server.send);
    void store.enqueue({ kind: "toggle-all", completed: true });
    const done = store.enqueue({ kind: "clear-completed" });
    expect(titles(store)).toEqual([]);
    (await server.next()).answer({ ok: true });
    (await server.next()).answer({ ok: true });
    await done;
    expect(store.getState().confirmed).toEqual([]);
  });

  it("re-sorts when the server answers a new order", async () => {
    const server = fakeServer();
    const store = new TodoStore([todo(1, "a"), todo(2, "b")], server.send);
    const done = store.enqueue({ kind: "update", id: 2, changes: { title: "b" } });
    (await server.next()).answer({ ok: true, todo: todo(2, "b", -1) });
    await done;
    expect(titles(store)).toEqual(["b", "a"]);
  });
});
