// The pages kept for one session while nothing on them changes (lib/http/personal-page-cache.ts):
// the todo page and the staff list. A kept page never reaches anyone else, a session that
// ended gets none, someone who is no longer an administrator gets the 403, every change shows
// on the next request whichever worker made it, and what the page allows is exactly its own
// inline scripts.
import type { APIRequestContext } from "@playwright/test";
import { createDb } from "../../lib/db/client";
import { keepPassword } from "../../tests/support/api-client";
import { createApiToken } from "../../lib/tokens/token-service";
import { createTodo } from "../../lib/todos/todo-service";
import { startDedicatedServer, type DedicatedServer } from "../support/dedicated-server";
import { ADMIN } from "../support/env";
import { expectHashPolicy, fromCache, untilFromCache } from "../support/page-cache";
import { asCurrentUser, expect, expectLoginRedirect, loginCookie, SESSION_COOKIE, test, unique } from "../support/security";

const todoPage = (request: APIRequestContext, cookie: string) => request.get("/", { headers: { cookie }, maxRedirects: 0 });
const keptTodoPage = (request: APIRequestContext, cookie: string) => untilFromCache(() => todoPage(request, cookie), "the todo page");

test.describe("the todo page kept for a session", () => {
  test("is that session's alone: another person, a forged cookie and nobody get their own answer", async ({ request, createPerson, db }) => {
    const [ann, bob] = [await createPerson({ firstName: "Ann", lastName: `Kept${unique()}` }), await createPerson({ firstName: "Bob", lastName: `Kept${unique()}` })];
    const [annTodo, bobTodo] = [`Ann's own ${unique()}`, `Bob's own ${unique()}`];
    await createTodo(db, asCurrentUser(ann), { title: annTodo });
    await createTodo(db, asCurrentUser(bob), { title: bobTodo });
    const [annCookie, bobCookie] = [await loginCookie(ann), await loginCookie(bob)];

    const annPage = await (await keptTodoPage(request, annCookie)).text();
    expect(annPage).toContain(annTodo);
    expect(annPage).toContain(ann.lastName);

    // Until Bob's own page is kept, and then: only ever his.
    const notBobs: string[] = [];
    await expect
      .poll(async () => {
        const response = await todoPage(request, bobCookie);
        const html = await response.text();
        if (response.status() !== 200 || !html.includes(bobTodo) || html.includes(annTodo) || html.includes(ann.lastName)) {
          notBobs.push(`${response.status()} ${fromCache(response) ? "kept" : "rendered"}: ${html.slice(0, 200)}`);
        }
        return notBobs.length > 0 || fromCache(response);
      })
      .toBe(true);
    expect(notBobs, "answers to Bob that were not his page").toEqual([]);
    expect(fromCache(await todoPage(request, bobCookie))).toBe(true);

    const annValue = annCookie.split("=")[1]!;
    for (const cookie of [`${SESSION_COOKIE}=${annValue.slice(0, -2)}xx`, `${SESSION_COOKIE}=`, "theme=dark", `${SESSION_COOKIE}x=${annValue}`]) {
      const response = await todoPage(request, cookie);
      expectLoginRedirect(response, cookie);
      expect(await response.text()).not.toContain(annTodo);
    }
  });

  test("is not served once the session has ended: logged out elsewhere, the person deactivated", async ({ request, createPerson, db }) => {
    const person = await createPerson();
    await createTodo(db, asCurrentUser(person), { title: "Kept until the session ends" });

    const first = await loginCookie(person);
    await keptTodoPage(request, first);
    await db.session.deleteMany({ where: { userId: person.id } });
    expectLoginRedirect(await todoPage(request, first), "after the session row is gone");

    const second = await loginCookie(person);
    await keptTodoPage(request, second);
    await db.user.update({ where: { id: person.id }, data: { active: false } });
    expectLoginRedirect(await todoPage(request, second), "after deactivation");
  });

  test("shows every change on the next request, whichever worker made it", async ({ request, createPerson, db }) => {
    const person = await createPerson();
    const cookie = await loginCookie(person);
    const { token } = await createApiToken(db, asCurrentUser(person), "kept page");
    const headers = { Authorization: `Bearer ${token}` };
    await keptTodoPage(request, cookie);

    const title = `Added by the API ${unique()}`;
    const added = await request.post("/api/v1/todos", { headers, data: { title } });
    expect(added.status()).toBe(201);
    const { todo } = await added.json();
    expect(await (await todoPage(request, cookie)).text()).toContain(title);
    // Kept again, with the change in it.
    expect(await (await keptTodoPage(request, cookie)).text()).toContain(title);

    expect((await request.patch(`/api/v1/todos/${todo.id}`, { headers, data: { completed: true } })).status()).toBe(200);
    expect(await (await todoPage(request, cookie)).text()).toMatch(/<li class="completed"/);

    const renamed = `Renamed ${unique()}`;
    expect((await request.patch(`/api/v1/todos/${todo.id}`, { headers, data: { title: renamed } })).status()).toBe(200);
    const afterRename = await (await todoPage(request, cookie)).text();
    expect(afterRename).toContain(renamed);
    expect(afterRename).not.toContain(title);

    await db.user.update({ where: { id: person.id }, data: { lastName: `Renamed${unique()}` } });
    const { lastName } = (await db.user.findUniqueOrThrow({ where: { id: person.id } }))!;
    expect(await (await todoPage(request, cookie)).text()).toContain(lastName);

    expect((await request.delete(`/api/v1/todos/${todo.id}`, { headers })).status()).toBe(204);
    expect(await (await todoPage(request, cookie)).text()).not.toContain(renamed);
  });

  test("allows exactly its own inline scripts, and runs in a browser under that policy", async ({ browser, createPerson, db, login }) => {
    const person = await createPerson();
    await createTodo(db, asCurrentUser(person), { title: "Already on the list" });
    const context = await browser.newContext();
    const page = await context.newPage();
    const refused: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error") refused.push(message.text());
    });
    await login(page, person);
    const cookie = (await context.cookies()).find((candidate) => candidate.name === SESSION_COOKIE)!;
    await expectHashPolicy(await keptTodoPage(context.request, `${cookie.name}=${cookie.value}`));

    await expect.poll(async () => fromCache((await page.reload())!)).toBe(true);
    // Hydrated under the hash policy: adding a todo is saved without a page load.
    await page.getByPlaceholder("What needs to be done?").fill("Added on the kept page");
    await page.getByPlaceholder("What needs to be done?").press("Enter");
    await expect(page.locator(".todo-list li label")).toHaveText(["Already on the list", "Added on the kept page"]);
    await expect.poll(async () => (await db.todo.findMany({ where: { ownerId: person.id } })).length).toBe(2);
    await page.reload();
    await expect(page.locator(".todo-list li label")).toHaveText(["Already on the list", "Added on the kept page"]);
    expect(refused).toEqual([]);
    await context.close();
  });
});

// The staff list shows everyone, and the suite's shared server has people coming and going in
// parallel tests: a page that changes on every request would never be kept. So these run on a
// server of their own, whose only administrator is ADMIN.
const staffTest = test.extend<object, { dedicated: DedicatedServer }>({
  dedicated: [
    async ({}, use) => {
      const server = await startDedicatedServer("kept-staff-list");
      await use(server);
      await server.stop();
    },
    { scope: "worker", timeout: 180_000 },
  ],
});

staffTest.describe("the staff list kept for an administrator", { tag: "@database-independent" }, () => {
  staffTest("shows every change at once, and reaches nobody who is not an administrator, also once their role is gone", async ({ request, dedicated }) => {
    const { baseURL } = dedicated;
    const staffPage = (cookie: string) => request.get(`${baseURL}/admin/staff`, { headers: { cookie }, maxRedirects: 0 });
    const adminCookie = await loginCookie(ADMIN, { baseURL });
    const issued = await request.post(`${baseURL}/api/v1/tokens`, { data: { email: ADMIN.email, password: ADMIN.password, name: "kept list" } });
    const headers = { Authorization: `Bearer ${(await issued.json()).token}` };
    // A full first page of people named before the member, so that the member is not on it:
    // what the page shows of them then cannot tell that their role changed; only the check can.
    for (let n = 0; n < 25; n++) {
      const filler = { email: `aardvark-${n}-${unique()}@e2e.test`, firstName: "Ann", lastName: `Aardvark ${String(n).padStart(2, "0")}`, roles: ["staff"] };
      expect((await request.post(`${baseURL}/api/v1/staff`, { headers, data: filler })).status()).toBe(201);
    }
    expect(await (await untilFromCache(() => staffPage(adminCookie), "the staff list")).text()).toContain("26 staff members");

    const member = { email: `kept-${unique()}@e2e.test`, password: "Kept-list-password-4", firstName: "Mo", lastName: `Member${unique()}` };
    const created = await request.post(`${baseURL}/api/v1/staff`, { headers, data: { ...member, roles: ["staff"] } });
    expect(created.status()).toBe(201);
    const memberId = (await created.json()).user.id;
    expect(await (await staffPage(adminCookie)).text()).toContain("27 staff members");

    await keepPassword(`file:${dedicated.databaseFile}`, member.email);
    const memberCookie = await loginCookie(member, { baseURL });
    for (let attempt = 0; attempt < 4; attempt++) {
      const refused = await staffPage(memberCookie);
      expect(refused.status(), "a member asking for the staff list").toBe(403);
      expect(fromCache(refused)).toBe(false);
      expect(await refused.text()).not.toContain(member.email);
    }

    // Made an administrator, the member gets the list (and a kept copy of it). Demoted through
    // the application, their sessions end; and should a session outlive the role (the role
    // taken away in the database itself), the kept list is not theirs either: the 403.
    expect((await request.patch(`${baseURL}/api/v1/staff/${memberId}`, { headers, data: { roles: ["staff", "admin"] } })).status()).toBe(200);
    await untilFromCache(() => staffPage(memberCookie), "the promoted member's staff list");
    expect((await request.patch(`${baseURL}/api/v1/staff/${memberId}`, { headers, data: { roles: ["staff"] } })).status()).toBe(200);
    expectLoginRedirect(await staffPage(memberCookie), "after losing the admin role");

    expect((await request.patch(`${baseURL}/api/v1/staff/${memberId}`, { headers, data: { roles: ["staff", "admin"] } })).status()).toBe(200);
    const promotedAgain = await loginCookie(member, { baseURL });
    await untilFromCache(() => staffPage(promotedAgain), "the member's staff list, promoted again");
    const db = createDb(`file:${dedicated.databaseFile}`);
    try {
      await db.user.update({ where: { id: memberId }, data: { roles: { disconnect: { name: "admin" } } } });
    } finally {
      await db.$disconnect();
    }
    // Several times: each worker keeps its own copies, and any of them may answer.
    for (let attempt = 0; attempt < 8; attempt++) {
      const demoted = await staffPage(promotedAgain);
      expect(demoted.status(), "a live session whose admin role is gone").toBe(403);
      expect(fromCache(demoted)).toBe(false);
    }
  });
});
