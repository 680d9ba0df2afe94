// The benchmark's data: made through the API where a person would make it (accounts, todos,
// tokens, a login), and written straight to the database where only volume matters (10,000
// staff accounts, one writer with a token per connection).
import { bearer, issueToken, loginCookie } from "../tests/support/api-client.ts";
import type { Db } from "../lib/db/client.ts";
import { searchTextFor } from "../lib/staff/search-text.ts";
import { createApiToken } from "../lib/tokens/token-service.ts";
import { GIVE_STAFF_ROLE_SQL } from "./ceiling-sql.ts";

export const ADMIN = { email: "admin@bench.test", password: "Bench-admin-password-1" };
export const READER = { email: "reader@bench.test", password: "Bench-reader-password-1" };
export const WRITER = { email: "writer@bench.test", password: "Bench-writer-password-1" };
export const TODO_COUNT = 50;
export const STAFF_COUNT = 10_000;
export const staffEmail = (n: number) => `staff-${String(n).padStart(5, "0")}@bench.test`;

export type Seeded = {
  adminCookie: string;
  reader: { id: string; token: string; cookie: string };
  writer: { id: string; token: string };
  /** One more writer per connection, each with a token (made in the database: they never log in). */
  writers: { id: string; token: string }[];
  staffTotal: number;
};

async function call(baseUrl: string, method: string, path: string, token: string, body: unknown, expected: number): Promise<Record<string, unknown>> {
  const response = await fetch(`${baseUrl}${path}`, { method, headers: bearer(token), body: body === undefined ? undefined : JSON.stringify(body) });
  if (response.status !== expected) throw new Error(`${method} ${path}: expected ${expected}, got ${response.status} ${await response.text()}`);
  return response.status === 204 ? {} : ((await response.json()) as Record<string, unknown>);
}

const FIRST = ["Ada", "Ben", "Chloe", "Dev", "Ewa", "Femi", "Grace", "Hiro", "Ines", "Jon", "Kemi", "Luca", "Mina", "Noor", "Olu", "Priya"];
const LAST = ["Adams", "Bello", "Costa", "Dubois", "Evans", "Fischer", "Garcia", "Hughes", "Iqbal", "Jones", "Kowalski", "Lopez", "Murphy", "Nowak", "Okafor", "Patel", "Quinn", "Rossi", "Smith", "Tanaka"];

export async function seed(baseUrl: string, db: Db, writerCount: number): Promise<Seeded> {
  const adminToken = await issueToken(baseUrl, ADMIN.email, ADMIN.password);

  const groupIds: number[] = [];
  for (const name of ["Mathematics", "Science", "English", "History", "Languages", "Arts"]) {
    const { subjectGroup } = await call(baseUrl, "POST", "/api/v1/subject-groups", adminToken, { name }, 201);
    groupIds.push((subjectGroup as { id: number }).id);
  }

  const createPerson = async ({ email, password }: { email: string; password: string }, firstName: string) => {
    const { user } = await call(baseUrl, "POST", "/api/v1/staff", adminToken, { email, firstName, lastName: "Bench", roles: ["staff"], subjectGroupId: groupIds[0], password }, 201);
    // A password an administrator sets is temporary (only reads answer until it is changed):
    // the benchmark's people keep theirs, as if they had chosen it.
    await db.password.updateMany({ where: { user: { email } }, data: { mustChange: false } });
    return (user as { id: string }).id;
  };
  const readerId = await createPerson(READER, "Reader");
  const writerId = await createPerson(WRITER, "Writer");
  const readerToken = await issueToken(baseUrl, READER.email, READER.password);
  const writerToken = await issueToken(baseUrl, WRITER.email, WRITER.password);

  for (let i = 1; i <= TODO_COUNT; i++) {
    const { todo } = await call(baseUrl, "POST", "/api/v1/todos", readerToken, { title: `Benchmark todo ${String(i).padStart(2, "0")}` }, 201);
    if (i % 4 === 0) await call(baseUrl, "PATCH", `/api/v1/todos/${(todo as { id: number }).id}`, readerToken, { completed: true }, 200);
  }

  // 10,000 staff, as an import would write them: no passwords (they cannot log in), the
  // search text the data layer keeps, a subject group each, the staff role, 2% inactive.
  for (let start = 1; start <= STAFF_COUNT; start += 500) {
    const data = [];
    for (let n = start; n < Math.min(start + 500, STAFF_COUNT + 1); n++) {
      const person = { firstName: FIRST[n % FIRST.length]!, lastName: `${LAST[n % LAST.length]!}-${n}`, email: staffEmail(n), username: null };
      data.push({ ...person, searchText: searchTextFor(person), subjectGroupId: groupIds[n % groupIds.length]!, active: n % 50 !== 0 });
    }
    await db.user.createMany({ data });
  }
  await db.$executeRawUnsafe(GIVE_STAFF_ROLE_SQL);

  const writers = [];
  for (let n = 1; n <= writerCount; n++) {
    const person = { firstName: "Writer", lastName: `Bench-${n}`, email: `writer-${n}@bench.test`, username: null };
    const { id } = await db.user.create({ data: { ...person, searchText: searchTextFor(person), roles: { connect: { name: "staff" } } }, select: { id: true } });
    writers.push({ id, token: (await createApiToken(db, { id }, "benchmark")).token });
  }

  const { total } = await call(baseUrl, "GET", "/api/v1/staff?pageSize=1", adminToken, undefined, 200);
  return {
    adminCookie: await loginCookie(baseUrl, ADMIN.email, ADMIN.password),
    reader: { id: readerId, token: readerToken, cookie: await loginCookie(baseUrl, READER.email, READER.password) },
    writer: { id: writerId, token: writerToken },
    writers,
    staffTotal: total as number,
  };
}
