import { afterEach, describe, expect, it, vi } from "vitest";
import { sessionCookieName } from "../auth/session-cookie.ts";
import type { Db } from "../db/client.ts";
import { asCaller, newStaff } from "../testing/people.ts";
import { browserSession } from "../testing/session-cookie.ts";
import { setUpTestDb } from "../testing/set-up-test-db.ts";
import { todoPageInputs } from "./todo-page-inputs.ts";
import { createTodo, updateTodo } from "./todo-service.ts";

let db: Db;
setUpTestDb("each", (fresh) => {
  db = fresh;
});

afterEach(() => {
  vi.useRealTimers();
});

/** A person signed in, with the Cookie header their browser would send (and a cookie of something else). */
async function signedIn() {
  const person = await newStaff(db, { firstName: "Ada", lastName: "Lovelace" });
  return { person, user: asCaller(person), ...(await browserSession(db, person.id)) };
}

const fingerprint = async (cookieHeader: string) => {
  const inputs = await todoPageInputs(db, cookieHeader);
  return inputs?.fingerprint;
};

describe("todoPageInputs", () => {
  it("names the session, and gives the render its session cookie alone", async () => {
    const { sessionToken, cookieHeader, cookie } = await signedIn();
    const inputs = await todoPageInputs(db, cookieHeader);
    expect(inputs).toMatchObject({ key: sessionToken, cookie });
    expect(inputs?.fingerprint).toMatch(/^[\w-]{43}$/);
  });

  it("is nothing without a session cookie or with one that is not ours", async () => {
    expect(await todoPageInputs(db, "theme=dark")).toBeNull();
    expect(await todoPageInputs(db, `${sessionCookieName()}=garbage`)).toBeNull();
  });

  it("has no fingerprint for a session that ended, a temporary password, or a person the two-factor policy sends to set it up", async () => {
    for (const close of [
      async ({ sessionToken }: Awaited<ReturnType<typeof signedIn>>) => void (await db.session.deleteMany({ where: { sessionToken } })),
      async ({ person }: Awaited<ReturnType<typeof signedIn>>) => void (await db.password.update({ where: { userId: person.id }, data: { mustChange: true } })),
      async ({ person }: Awaited<ReturnType<typeof signedIn>>) => void (await db.user.update({ where: { id: person.id }, data: { active: false } })),
      async () => void (await db.setting.upsert({ where: { key: "twoFactorPolicy" }, create: { key: "twoFactorPolicy", value: '"everyone"' }, update: { value: '"everyone"' } })),
    ]) {
      const session = await signedIn();
      expect(await fingerprint(session.cookieHeader)).toEqual(expect.any(String));
      await close(session);
      expect(await todoPageInputs(db, session.cookieHeader)).toEqual({ key: session.sessionToken, fingerprint: null });
      await db.setting.deleteMany({ where: { key: "twoFactorPolicy" } });
    }
  });

  it("changes with everything the page shows: a todo added, completed or renamed, and the person's name", async () => {
    const { person, user, cookieHeader } = await signedIn();
    const seen = [await fingerprint(cookieHeader)];
    const todo = await createTodo(db, user, { title: "Mark the essays" });
    seen.push(await fingerprint(cookieHeader));
    await updateTodo(db, user, todo.id, { completed: true });
    seen.push(await fingerprint(cookieHeader));
    await updateTodo(db, user, todo.id, { title: "Mark the essays again" });
    seen.push(await fingerprint(cookieHeader));
    await db.user.update({ where: { id: person.id }, data: { firstName: "Augusta" } });
    seen.push(await fingerprint(cookieHeader));
    expect(new Set(seen).size).toBe(seen.length);
    expect(await fingerprint(cookieHeader)).toBe(seen.at(-1));
  });

  it("is another fingerprint after a change and its undoing (the list is read with every field, updatedAt too)", async () => {
    const { user, cookieHeader } = await signedIn();
    // Each write a millisecond after the one before (updatedAt's precision), as writes are.
    const start = Date.now();
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(start + 1);
    const todo = await createTodo(db, user, { title: "Book the hall" });
    const before = await fingerprint(cookieHeader);
    vi.setSystemTime(start + 2);
    await updateTodo(db, user, todo.id, { completed: true });
    vi.setSystemTime(start + 3);
    await updateTodo(db, user, todo.id, { completed: false });
    expect(await fingerprint(cookieHeader)).not.toBe(before);
  });

  it("differs between two people's sessions", async () => {
    const [first, second] = [await signedIn(), await signedIn()];
    expect(await fingerprint(first.cookieHeader)).not.toBe(await fingerprint(second.cookieHeader));
  });
});
