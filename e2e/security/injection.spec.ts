// SQL injection: strings that would change a query if it were built by pasting text are
// stored and shown back exactly, searches treat LIKE's wildcards (% and _) as the
// characters they are, and ids in paths name nothing.
import type { APIRequestContext } from "@playwright/test";
import { createApiToken } from "../../lib/tokens/token-service";
import type { Person } from "../support/fixtures";
import { asCurrentUser, expect, test, unique } from "../support/security";

const STRINGS = [
  "' OR 1=1 --",
  "'; DROP TABLE staff; --",
  '" OR ""="',
  "Robert'); DROP TABLE todos;--",
  "1; DELETE FROM sessions",
  "'||(SELECT hash FROM passwords)||'",
  "%",
  "_",
  "\\",
  "\\'; --",
];

type StaffJson = { id: string; email: string; firstName: string; lastName: string; username: string | null };

async function adminHeaders(db: Parameters<typeof createApiToken>[0], admin: Person) {
  return { Authorization: `Bearer ${(await createApiToken(db, asCurrentUser(admin), "injection")).token}` };
}

async function searchStaff(request: APIRequestContext, headers: Record<string, string>, q: string): Promise<{ staff: StaffJson[]; total: number }> {
  const response = await request.get(`/api/v1/staff?q=${encodeURIComponent(q)}&pageSize=100`, { headers });
  expect(response.status(), q).toBe(200);
  return response.json();
}

test.describe("injection strings are stored and shown literally", () => {
  test("in staff names, subject group names, todo titles and token names", async ({ request, page, createPerson, groupName, login, db }) => {
    const admin = await createPerson({ roles: ["admin", "staff"] });
    const headers = await adminHeaders(db, admin);
    const marker = `Inj${unique()}`;
    const createdIds: string[] = [];

    for (const text of STRINGS) {
      const created = await createPerson({ firstName: text, lastName: marker });
      createdIds.push(created.id);
      const read = await request.get(`/api/v1/staff/${created.id}`, { headers });
      expect((await read.json()).user.firstName, text).toBe(text);

      const group = await request.post("/api/v1/subject-groups", { headers, data: { name: groupName(text) } });
      expect(group.status(), text).toBe(201);
      const { subjectGroup } = await group.json();
      expect((await (await request.get(`/api/v1/subject-groups/${subjectGroup.id}`, { headers })).json()).subjectGroup.name).toBe(subjectGroup.name);
      expect(subjectGroup.name.startsWith(text)).toBe(true);

      const todo = await request.post("/api/v1/todos", { headers, data: { title: text } });
      expect((await todo.json()).todo.title, text).toBe(text);
      const token = await request.post("/api/v1/tokens", { headers, data: { name: text } });
      expect(token.status(), text).toBe(201);
    }
    expect((await (await request.get("/api/v1/todos", { headers })).json()).todos.map((t: { title: string }) => t.title)).toEqual(STRINGS);
    expect((await (await request.get("/api/v1/tokens", { headers })).json()).tokens.map((t: { name: string }) => t.name).sort()).toEqual(
      [...STRINGS, "injection"].sort(),
    );
    // Nothing was dropped or deleted: everyone made here is still there and still found (the
    // login below needs the sessions table). Counted by id, not as a table total: other tests
    // delete their own people in parallel, which once made a total fall short on PostgreSQL.
    expect(await db.user.count({ where: { id: { in: [admin.id, ...createdIds] } } })).toBe(STRINGS.length + 1);
    expect((await searchStaff(request, headers, marker)).total).toBe(STRINGS.length);

    // And on the pages, exactly as typed.
    await login(page, admin);
    await page.goto(`/admin/staff?q=${marker}`);
    for (const text of STRINGS) await expect(page.getByRole("rowheader", { name: `${text} ${marker}`, exact: true })).toBeVisible();
    await page.goto("/");
    await expect(page.locator(".todo-list li label")).toHaveText(STRINGS);
  });
});

test.describe("searches", () => {
  test("% and _ match only themselves, in the staff search (API and page) and the subject group search", async ({ request, page, createPerson, groupName, db, login }) => {
    const admin = await createPerson({ roles: ["admin", "staff"] });
    const headers = await adminHeaders(db, admin);
    const marker = `lk${unique()}`;
    // Each pair: what the search must find, and what it would also find if the character were a wildcard.
    const cases = [
      { q: `0% ${marker}`, target: `100% ${marker}`, decoy: `1000 ${marker}` },
      { q: `a_b ${marker}`, target: `a_b ${marker}`, decoy: `axb ${marker}` },
      { q: `c\\d ${marker}`, target: `c\\d ${marker}`, decoy: `cd ${marker}` },
    ];
    for (const { q, target, decoy } of cases) {
      const [found, notFound] = [await createPerson({ lastName: target }), await createPerson({ lastName: decoy })];
      const result = await searchStaff(request, headers, q);
      expect(result.staff.map((person) => person.id), q).toEqual([found.id]);
      expect(result.staff.map((person) => person.id)).not.toContain(notFound.id);

      const [groupTarget, groupDecoy] = [groupName(target), groupName(decoy)];
      for (const name of [groupTarget, groupDecoy]) expect((await request.post("/api/v1/subject-groups", { headers, data: { name } })).status()).toBe(201);
      const groups = await (await request.get(`/api/v1/subject-groups?q=${encodeURIComponent(q)}&pageSize=100`, { headers })).json();
      expect(groups.subjectGroups.map((group: { name: string }) => group.name), q).toEqual([groupTarget]);
    }

    // A lone wildcard finds only the people whose name or email has that character.
    for (const character of ["%", "_"]) {
      const result = await searchStaff(request, headers, character);
      expect(result.staff.length).toBeGreaterThan(0);
      for (const person of result.staff) expect(`${person.firstName} ${person.lastName} ${person.email} ${person.username ?? ""}`, character).toContain(character);
    }

    await login(page, admin);
    await page.goto(`/admin/staff?q=${encodeURIComponent(cases[0]!.q)}`);
    await expect(page.getByRole("main").getByRole("status")).toHaveText(`1 match for “${cases[0]!.q}”`);
  });

  test("injection strings in a search or a path find nothing and break nothing", async ({ request, createPerson, db }) => {
    const admin = await createPerson({ roles: ["admin", "staff"] });
    const headers = await adminHeaders(db, admin);
    for (const text of STRINGS.filter((s) => s.length > 1)) {
      const result = await searchStaff(request, headers, text);
      for (const person of result.staff) expect(`${person.firstName} ${person.lastName} ${person.email}`.toLowerCase()).toContain(text.toLowerCase());
      for (const path of [`/api/v1/staff/${encodeURIComponent(text)}`, `/api/v1/subject-groups/${encodeURIComponent(text)}`, `/api/v1/todos/${encodeURIComponent(text)}`]) {
        const response = await request.get(path, { headers });
        expect(response.status(), path).toBe(404);
      }
      const audit = await request.get(`/admin/audit?person=${encodeURIComponent(text)}`);
      expect(audit.status()).toBeLessThan(500);
    }
    expect(await db.user.count({ where: { id: admin.id } })).toBe(1);
  });
});
