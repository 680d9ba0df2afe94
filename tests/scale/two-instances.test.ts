// Two production servers sharing one PostgreSQL database (issue 7): sessions, revocations,
// throttling and writes are shared, because they live in the database.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bearer, createStaffMember, issueToken, loginCookie, logoutCookie } from "../support/api-client.ts";
import { startServer, type ServerProcess } from "../support/server-process.ts";
import { freshPostgresDatabase } from "../support/postgres.ts";

let a: ServerProcess;
let b: ServerProcess;
let admin: string;
let databaseUrl: string;
const ADMIN = { email: "admin@tests.test", password: "Tests-admin-password-1" };

async function createPerson(email: string, password = "Shared-secret-pass-7") {
  const id = await createStaffMember({ url: a.url, databaseUrl }, admin, { email, firstName: "Two", lastName: "Instances", password });
  return { email, password, id };
}

beforeAll(async () => {
  databaseUrl = await freshPostgresDatabase("two_instances");
  // Both start at once against an empty database: migrations and the first admin must
  // cope with a second instance doing the same.
  [a, b] = await Promise.all([startServer({ port: 3621, databaseUrl }), startServer({ port: 3622, databaseUrl })]);
  admin = await issueToken(a.url, ADMIN.email, ADMIN.password);
});

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
});

describe("two instances, one PostgreSQL", () => {
  it("a session made on one works on the other", async () => {
    const person = await createPerson("session-shared@tests.test");
    const cookie = await loginCookie(a.url, person.email, person.password);
    const me = await fetch(`${b.url}/api/v1/me`, { headers: { cookie } });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { user: { email: string } }).user.email).toBe(person.email);
  });

  it("a session ended on one is refused by the other at once", async () => {
    const person = await createPerson("session-revoked@tests.test");
    const cookie = await loginCookie(a.url, person.email, person.password);
    expect((await fetch(`${b.url}/api/v1/me`, { headers: { cookie } })).status).toBe(200);
    expect(await logoutCookie(a.url, cookie)).toBe(303);
    expect((await fetch(`${b.url}/api/v1/me`, { headers: { cookie } })).status).toBe(401);
  });

  it("deactivation and token revocation on one are refused by the other", async () => {
    const person = await createPerson("deactivated@tests.test");
    const cookie = await loginCookie(b.url, person.email, person.password);
    const token = await issueToken(b.url, person.email, person.password);
    const tokens = (await (await fetch(`${a.url}/api/v1/tokens`, { headers: bearer(token) })).json()) as { tokens: { id: number }[] };
    expect((await fetch(`${a.url}/api/v1/tokens/${tokens.tokens[0]!.id}`, { method: "DELETE", headers: bearer(token) })).status).toBe(204);
    expect((await fetch(`${b.url}/api/v1/me`, { headers: bearer(token) })).status).toBe(401);

    const off = await fetch(`${a.url}/api/v1/staff/${person.id}`, { method: "PATCH", headers: bearer(admin), body: JSON.stringify({ active: false }) });
    expect(off.status).toBe(200);
    expect((await fetch(`${b.url}/api/v1/me`, { headers: { cookie } })).status).toBe(401);
  });

  it("the login throttle counts failures on both", async () => {
    const person = await createPerson("throttled@tests.test");
    const attempt = (server: ServerProcess, password: string) =>
      fetch(`${server.url}/api/v1/tokens`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ email: person.email, password }) });
    for (const server of [a, b, a, b, a]) expect((await attempt(server, "Wrong-password-0")).status).toBe(401);
    const refused = await attempt(b, person.password);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("concurrent writes through both lose nothing", async () => {
    const person = await createPerson("writer@tests.test");
    const token = await issueToken(a.url, person.email, person.password);
    const titles = Array.from({ length: 200 }, (_, i) => `Written ${i}`);
    const created: number[] = [];
    let next = 0;
    const worker = async () => {
      while (next < titles.length) {
        const index = next++;
        const server = index % 2 === 0 ? a : b;
        const response = await fetch(`${server.url}/api/v1/todos`, { method: "POST", headers: bearer(token), body: JSON.stringify({ title: titles[index] }) });
        expect(response.status).toBe(201);
        created.push(((await response.json()) as { todo: { id: number } }).todo.id);
      }
    };
    await Promise.all(Array.from({ length: 16 }, worker));
    for (const server of [a, b]) {
      const list = (await (await fetch(`${server.url}/api/v1/todos`, { headers: bearer(token) })).json()) as { todos: { id: number; title: string }[] };
      expect(list.todos.map((todo) => todo.id).sort((x, y) => x - y)).toEqual([...created].sort((x, y) => x - y));
      expect(new Set(list.todos.map((todo) => todo.title))).toEqual(new Set(titles));
    }
  });
});
