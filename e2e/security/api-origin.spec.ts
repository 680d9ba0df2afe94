// Cookie-authenticated API writes need this site's Origin (PRODUCT.md, "JSON API"): a
// browser sends the session cookie with requests that another site makes it send, so a
// write without proof of coming from this site is refused (403 cross_origin_refused) and
// changes nothing. Tokens are never sent by a browser on its own, so they need no Origin.
import { createApiToken } from "../../lib/tokens/token-service";
import { createTodo } from "../../lib/todos/todo-service";
import { apiCalls, sampleBody, type RouteIds } from "../support/routes";
import { asCurrentUser, EVIL_ORIGIN, expect, expectApiError, loginCookie, test } from "../support/security";

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

test.describe("cookie-authenticated API writes", () => {
  test("without this site's Origin are refused on every write route, and change nothing; with it they are not", async ({
    request,
    createPerson,
    createGroup,
    groupName,
    db,
    baseURL,
  }) => {
    // An administrator, so that every route's own rules let the caller through.
    const admin = await createPerson({ roles: ["admin", "staff"] });
    const target = await createPerson();
    const group = await createGroup("Origin");
    const todo = await createTodo(db, asCurrentUser(admin), { title: "Mine" });
    const { apiToken } = await createApiToken(db, asCurrentUser(admin), "Mine");
    const ids: RouteIds = { staffId: target.id, groupId: group.id, todoId: todo.id, tokenId: apiToken.id };
    const newName = groupName("Origin write");
    const cookie = await loginCookie(admin);

    const snapshot = async () =>
      JSON.stringify([
        await db.todo.findMany({ where: { ownerId: admin.id }, select: { id: true, title: true, completed: true, order: true }, orderBy: { id: "asc" } }),
        await db.apiToken.findMany({ where: { userId: admin.id }, select: { id: true, name: true }, orderBy: { id: "asc" } }),
        await db.user.findUnique({ where: { id: target.id }, select: { firstName: true, lastName: true, active: true } }),
        await db.subjectGroup.findMany({ where: { OR: [{ id: group.id }, { name: newName }] }, select: { id: true, name: true } }),
      ]);

    const writes = apiCalls(ids, "user", "admin", "credentials").filter((call) => UNSAFE.has(call.method));
    expect(writes.length).toBeGreaterThan(10);
    for (const call of writes) {
      const label = `${call.method} ${call.route}`;
      const data = call.route.startsWith("/api/v1/subject-groups") && call.method !== "DELETE" ? { name: newName } : sampleBody(call.route, call.method);
      const before = await snapshot();
      for (const origin of [undefined, EVIL_ORIGIN, "null", baseURL!.replace(/:\d+$/, ":1"), baseURL!.replace("127.0.0.1", "localhost")]) {
        const headers: Record<string, string> = { cookie, ...(origin ? { Origin: origin } : {}) };
        await expectApiError(await request.fetch(call.path, { method: call.method, headers, data }), 403, "cross_origin_refused", `${label} from ${origin ?? "no Origin"}`);
      }
      expect(await snapshot(), `${label} changed something`).toBe(before);

      const sameSite = await request.fetch(call.path, { method: call.method, headers: { cookie, Origin: baseURL! }, data });
      expect(sameSite.status(), `${label} from this site`).not.toBe(403);
      expect(sameSite.status(), `${label} from this site`).toBeLessThan(500);
    }
  });

  test("reads need no Origin, and token-authenticated writes need none", async ({ request, owner }) => {
    const cookie = await loginCookie(owner.person);
    expect((await request.get("/api/v1/todos", { headers: { cookie } })).status()).toBe(200);
    const created = await request.post("/api/v1/todos", { headers: { Authorization: `Bearer ${owner.token}` }, data: { title: "by token" } });
    expect(created.status()).toBe(201);
  });

  test("HTTP Basic writes from another site's page are refused too (browsers re-send Basic credentials they were once given)", async ({ request, createPerson, db }) => {
    const person = await createPerson();
    const authorization = `Basic ${Buffer.from(`${person.email}:${person.password}`).toString("base64")}`;
    await createTodo(db, asCurrentUser(person), { title: "done already" }).then((todo) => db.todo.update({ where: { id: todo.id }, data: { completed: true } }));

    // What a cross-site <form method=post> would send: the browser adds the cached credentials and its Origin.
    for (const origin of [EVIL_ORIGIN, "null"]) {
      await expectApiError(await request.post("/api/v1/todos/clear-completed", { headers: { Authorization: authorization, Origin: origin } }), 403, "cross_origin_refused", origin);
    }
    expect(await db.todo.count({ where: { ownerId: person.id, completed: true } })).toBe(1);

    // Scripts send no Origin: Basic keeps working for them.
    const script = await request.post("/api/v1/todos/clear-completed", { headers: { Authorization: authorization } });
    expect(await script.json()).toEqual({ deleted: 1 });
  });
});
