// The admin endpoints: /api/v1/staff and /api/v1/subject-groups (list, create, read,
// update, delete), using the same rules as the admin screens.
import type { APIRequestContext } from "@playwright/test";
import { setPassword } from "../lib/auth/password-store";
import { expect, test, uniqueEmail, type Person } from "./support/fixtures";

const API = "/api/v1";

async function bearer(request: APIRequestContext, person: Pick<Person, "email" | "password">) {
  const response = await request.post(`${API}/tokens`, { data: { email: person.email, password: person.password } });
  expect(response.status()).toBe(201);
  return { Authorization: `Bearer ${(await response.json()).token}` };
}

test("a non-admin gets 403 from every admin endpoint", async ({ request, createPerson }) => {
  const headers = await bearer(request, await createPerson());
  for (const [method, path] of [
    ["GET", "/staff"],
    ["POST", "/staff"],
    ["GET", "/staff/abcdefghijklmnopqrstuvwx"],
    ["PATCH", "/staff/abcdefghijklmnopqrstuvwx"],
    ["DELETE", "/staff/abcdefghijklmnopqrstuvwx"],
    ["GET", "/subject-groups"],
    ["POST", "/subject-groups"],
    ["PATCH", "/subject-groups/1"],
    ["DELETE", "/subject-groups/1"],
  ] as const) {
    const response = await request.fetch(`${API}${path}`, { method, headers, data: method === "GET" || method === "DELETE" ? undefined : { name: "x" } });
    expect(response.status(), `${method} ${path}`).toBe(403);
    expect((await response.json()).error.code).toBe("forbidden");
  }
});

test("an admin manages subject groups: create, list with counts, rename, refuse deleting a group with staff", async ({ request, createPerson }) => {
  const admin = await createPerson({ roles: ["admin", "staff"] });
  const headers = await bearer(request, admin);
  const name = `Science ${Date.now().toString(36)}`;

  const created = await request.post(`${API}/subject-groups`, { headers, data: { name: `  ${name}  ` } });
  expect(created.status()).toBe(201);
  const { subjectGroup } = await created.json();
  expect(subjectGroup).toMatchObject({ name, staffCount: 0 });

  const duplicate = await request.post(`${API}/subject-groups`, { headers, data: { name: name.toUpperCase() } });
  expect(duplicate.status()).toBe(409);
  expect((await duplicate.json()).error.fields).toHaveProperty("name");
  expect((await request.post(`${API}/subject-groups`, { headers, data: { name: "x".repeat(61) } })).status()).toBe(422);

  await createPerson({ subjectGroupId: subjectGroup.id });
  const listed = await request.get(`${API}/subject-groups?q=${encodeURIComponent(name.toLowerCase())}`, { headers });
  expect(await listed.json()).toMatchObject({ subjectGroups: [{ id: subjectGroup.id, staffCount: 1 }], page: 1, total: 1 });

  const refused = await request.delete(`${API}/subject-groups/${subjectGroup.id}`, { headers });
  expect(refused.status()).toBe(409);
  expect((await refused.json()).error.message).toContain("still has 1 staff member");

  const renamed = await request.patch(`${API}/subject-groups/${subjectGroup.id}`, { headers, data: { name: `${name} Dept` } });
  expect((await renamed.json()).subjectGroup.name).toBe(`${name} Dept`);
  expect((await request.get(`${API}/subject-groups/999999999`, { headers })).status()).toBe(404);
  expect((await request.get(`${API}/subject-groups/not-a-number`, { headers })).status()).toBe(404);
});

test("an admin manages staff: create, read, search, update, delete", async ({ request, createPerson, db }) => {
  const admin = await createPerson({ roles: ["admin", "staff"] });
  const headers = await bearer(request, admin);
  const email = uniqueEmail("api-staff");

  const created = await request.post(`${API}/staff`, {
    headers,
    data: { email: email.toUpperCase(), firstName: "Alex", lastName: "Apiuser", password: "Initial-secret-44", roles: ["staff"] },
  });
  expect(created.status()).toBe(201);
  const { user } = await created.json();
  expect(user).toMatchObject({ email, firstName: "Alex", roles: ["staff"], active: true, subjectGroup: null, lastLoginAt: null });
  expect(JSON.stringify(user)).not.toMatch(/hash|password/i);

  const taken = await request.post(`${API}/staff`, { headers, data: { email, firstName: "B", lastName: "C", password: "Initial-secret-44" } });
  expect(taken.status()).toBe(409);
  expect((await taken.json()).error.fields).toHaveProperty("email");

  const weak = await request.post(`${API}/staff`, { headers, data: { email: uniqueEmail(), firstName: "B", lastName: "C", password: "password" } });
  expect(weak.status()).toBe(422);
  expect((await weak.json()).error.fields.password[0]).toMatch(/too common|at least/);

  const search = await request.get(`${API}/staff?q=apiuser&pageSize=5`, { headers });
  const page = await search.json();
  expect(page.staff.map((s: { email: string }) => s.email)).toContain(email);
  expect(page).toMatchObject({ page: 1, pageSize: 5 });
  expect((await request.get(`${API}/staff?pageSize=1000`, { headers })).status()).toBe(422);
  expect((await request.get(`${API}/staff?page=0`, { headers })).status()).toBe(422);

  // A new password ends the person's tokens and sessions. (The admin's password was temporary:
  // the person has chosen their own meanwhile, and takes a token with it.)
  await setPassword(db, user.id, "Own-chosen-secret-45");
  const theirs = await bearer(request, { email, password: "Own-chosen-secret-45" });
  const updated = await request.patch(`${API}/staff/${user.id}`, { headers, data: { lastName: "Renamed", password: "Replaced-secret-55" } });
  expect((await updated.json()).user.lastName).toBe("Renamed");
  expect((await request.get(`${API}/me`, { headers: theirs })).status()).toBe(401);

  expect((await request.get(`${API}/staff/${user.id}`, { headers })).status()).toBe(200);
  expect((await request.delete(`${API}/staff/${user.id}`, { headers })).status()).toBe(204);
  expect((await request.get(`${API}/staff/${user.id}`, { headers })).status()).toBe(404);
  expect((await request.delete(`${API}/staff/${user.id}`, { headers })).status()).toBe(404);
});

test("an admin may give up the admin role while other admins remain; their tokens end with it", async ({ request, createPerson }) => {
  // Other admins exist (the server's first admin at least), so this is allowed; the refusal
  // for the last active admin is covered by the unit tests, where nothing runs in parallel.
  const admin = await createPerson({ roles: ["admin", "staff"] });
  const headers = await bearer(request, admin);
  const demoted = await request.patch(`${API}/staff/${admin.id}`, { headers, data: { roles: ["staff"] } });
  expect(demoted.status()).toBe(200);
  expect((await demoted.json()).user.roles).toEqual(["staff"]);
  // Taking a role away ends the person's sessions and tokens, like deactivation does.
  expect((await request.get(`${API}/staff`, { headers })).status()).toBe(401);
  const fresh = await bearer(request, admin);
  expect((await request.get(`${API}/staff`, { headers: fresh })).status()).toBe(403);
});
