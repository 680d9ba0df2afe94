// Every page and every route handler, as every kind of caller: nobody, somebody whose
// cookie is not a session (it passes the middleware, so the server's own checks answer),
// somebody forging x-middleware-subrequest, a logged-in non-admin, and a stranger holding
// another person's ids. The tables are in e2e/support/routes.ts; the first tests fail when
// app/ has a route they do not list.
import { SECURE_SESSION_COOKIE } from "../../lib/auth/session-cookie";
import { createApiToken } from "../../lib/tokens/token-service";
import { API_ROUTES, apiCalls, METHODS, PAGES, routesOnDisk, sampleBody, type Method } from "../support/routes";
import { asCurrentUser, expect, expectApiError, expectLoginRedirect, loginCookie, SESSION_COOKIE, test } from "../support/security";

const UNAUTHORIZED = 'Bearer, Basic realm="Staffroom"';

test.describe("the route tables", () => {
  test("list every page and route handler in app/", async () => {
    const { pages, handlers } = routesOnDisk();
    expect(pages, "pages in app/ missing from PAGES in e2e/support/routes.ts").toEqual(PAGES.map((page) => page.route).sort());
    expect(handlers, "route handlers in app/ missing from API_ROUTES in e2e/support/routes.ts").toEqual(API_ROUTES.map((route) => route.route).sort());
  });

  test("list every method each route handler answers (the others are 405)", async ({ request, ids }) => {
    for (const entry of API_ROUTES) {
      for (const method of METHODS.filter((name) => !(name in entry.methods))) {
        // A handler outside /api is behind the middleware, which sends a caller without a
        // session cookie to /login first: a cookie (no session) lets the handler answer.
        const headers: Record<string, string> = entry.route.startsWith("/api/") ? {} : { cookie: `${SESSION_COOKIE}=garbage` };
        const response = await request.fetch(entry.path(ids), { method, headers, data: sampleBody(entry.route, method), maxRedirects: 0 });
        expect(response.status(), `${method} ${entry.route} is not in the table, so it must not be handled`).toBe(405);
      }
    }
  });

  test("name pages that answer an administrator (so a refusal below is a refusal, not a 404)", async ({ request, createPerson, ids }) => {
    const cookie = await loginCookie(await createPerson({ roles: ["admin", "staff"] }));
    for (const page of PAGES) {
      const response = await request.get(page.path(ids), { headers: { cookie }, maxRedirects: 0 });
      expect(response.status(), page.route).toBe(page.ok);
    }
  });
});

test.describe("without a session", () => {
  test("every page but /login sends the visitor to /login, back to the page asked for", async ({ request, ids }) => {
    for (const page of PAGES.filter((entry) => entry.access !== "public")) {
      const path = page.path(ids);
      const response = await request.get(path, { maxRedirects: 0 });
      expectLoginRedirect(response, page.route);
      const callbackUrl = new URL(response.headers().location!, "http://x").searchParams.get("callbackUrl");
      expect(callbackUrl ?? "/", page.route).toBe(path);
    }
    expect((await request.get("/login")).status()).toBe(200);
    expect((await request.get("/signup")).status()).toBe(404);
  });

  test("every API route that needs a caller answers 401 JSON with WWW-Authenticate", async ({ request, ids }) => {
    for (const call of apiCalls(ids, "user", "admin", "credentials")) {
      const label = `${call.method} ${call.route}`;
      const response = await request.fetch(call.path, { method: call.method, data: sampleBody(call.route, call.method) });
      await expectApiError(response, 401, "unauthorized", label);
      expect(response.headers()["www-authenticate"], label).toBe(UNAUTHORIZED);
    }
    for (const call of apiCalls(ids, "signup", "unknown")) {
      await expectApiError(await request.fetch(call.path, { method: call.method, data: sampleBody(call.route, call.method) }), 404, "not_found", `${call.method} ${call.route}`);
    }
  });

  test("the public API routes tell nothing about anyone", async ({ request }) => {
    expect(await (await request.get("/api/health")).json()).toEqual({ status: "ok" });
    expect((await request.get("/api/health/live")).status()).toBe(200);
    expect((await request.get("/api/v1/openapi.json")).status()).toBe(200);
    const session = await request.get("/api/auth/session");
    expect(session.status()).toBe(200);
    expect(await session.json()).toBeNull();
  });
});

test.describe("a cookie that is no session gets past the middleware, but no further", () => {
  // The middleware only looks for a session cookie; these requests have one, so what
  // answers them is each page's and route's own check (lib/auth/dal.ts, lib/api/authenticate.ts).
  for (const [label, cookie] of [
    ["garbage", `${SESSION_COOKIE}=garbage`],
    ["empty", `${SESSION_COOKIE}=`],
    ["the HTTPS name over HTTP", `${SECURE_SESSION_COOKIE}=garbage`],
  ] as const) {
    test(`${label}: pages redirect to /login, API routes answer 401`, async ({ request, ids }) => {
      for (const page of PAGES.filter((entry) => entry.access !== "public")) {
        expectLoginRedirect(await request.get(page.path(ids), { headers: { cookie }, maxRedirects: 0 }), page.route);
      }
      for (const call of apiCalls(ids, "user", "admin")) {
        const response = await request.fetch(call.path, { method: call.method, headers: { cookie }, data: sampleBody(call.route, call.method) });
        await expectApiError(response, 401, "unauthorized", `${call.method} ${call.route}`);
      }
    });
  }
});

test.describe("forged x-middleware-subrequest (CVE-2025-29927) without a session", () => {
  const FORGERIES = [
    "middleware",
    "src/middleware",
    "pages/_middleware",
    "proxy",
    "middleware:middleware:middleware:middleware:middleware",
    "src/middleware:src/middleware:src/middleware:src/middleware:src/middleware",
    "proxy:proxy:proxy:proxy:proxy",
    "src/proxy:src/proxy:src/proxy:src/proxy:src/proxy",
  ];

  test("every page still redirects to /login and every API route still answers 401", async ({ request, ids }) => {
    for (const forgery of FORGERIES) {
      const headers = { "x-middleware-subrequest": forgery };
      for (const page of PAGES.filter((entry) => entry.access !== "public")) {
        const response = await request.get(page.path(ids), { headers, maxRedirects: 0 });
        expectLoginRedirect(response, `${page.route} with ${forgery}`);
        expect(await response.text(), `${page.route} with ${forgery}`).not.toContain("<main");
      }
      for (const call of apiCalls(ids, "user", "admin")) {
        const response = await request.fetch(call.path, { method: call.method, headers, data: sampleBody(call.route, call.method) });
        await expectApiError(response, 401, "unauthorized", `${call.method} ${call.route} with ${forgery}`);
      }
    }
  });
});

test.describe("a logged-in non-admin", () => {
  test("gets 403 pages for every admin page, and the pages that are theirs", async ({ request, owner, ids }) => {
    const cookie = await loginCookie(owner.person);
    for (const page of PAGES) {
      const response = await request.get(page.path(ids), { headers: { cookie }, maxRedirects: 0 });
      if (page.access === "admin") {
        expect(response.status(), page.route).toBe(403);
        const html = await response.text();
        expect(html, page.route).toContain("Access denied");
        expect(html, page.route).not.toContain(owner.person.email);
      } else {
        expect(response.status(), page.route).toBe(page.ok);
      }
    }
  });

  test("gets 403 JSON from every admin API route, by token and by cookie", async ({ request, owner, ids, baseURL }) => {
    const cookie = await loginCookie(owner.person);
    for (const call of apiCalls(ids, "admin")) {
      const data = sampleBody(call.route, call.method);
      const label = `${call.method} ${call.route}`;
      await expectApiError(await request.fetch(call.path, { method: call.method, headers: { Authorization: `Bearer ${owner.token}` }, data }), 403, "forbidden", label);
      await expectApiError(await request.fetch(call.path, { method: call.method, headers: { cookie, Origin: baseURL! }, data }), 403, "forbidden", label);
    }
  });
});

test.describe("another person's ids", () => {
  test("are 404 on every todo and token route, and nothing of theirs changes", async ({ request, owner, createPerson, db }) => {
    const stranger = await createPerson();
    const { token } = await createApiToken(db, asCurrentUser(stranger), "stranger");
    const headers = { Authorization: `Bearer ${token}` };
    const calls: [Method, string, object | undefined][] = [
      ["GET", `/api/v1/todos/${owner.todoId}`, undefined],
      ["PATCH", `/api/v1/todos/${owner.todoId}`, { title: "taken over", completed: true }],
      ["PUT", `/api/v1/todos/${owner.todoId}`, { title: "taken over" }],
      ["DELETE", `/api/v1/todos/${owner.todoId}`, undefined],
      ["DELETE", `/api/v1/tokens/${owner.tokenId}`, undefined],
    ];
    for (const [method, path, data] of calls) {
      await expectApiError(await request.fetch(path, { method, headers, data }), 404, "not_found", `${method} ${path}`);
    }
    // Their own lists do not show the owner's things either.
    expect((await (await request.get("/api/v1/todos", { headers })).json()).todos).toEqual([]);
    expect((await (await request.get("/api/v1/tokens", { headers })).json()).tokens.map((t: { id: number }) => t.id)).not.toContain(owner.tokenId);

    const todo = await db.todo.findUniqueOrThrow({ where: { id: owner.todoId } });
    expect(todo).toMatchObject({ title: "Olive's own todo", completed: false, ownerId: owner.person.id });
    const me = await request.get("/api/v1/me", { headers: { Authorization: `Bearer ${owner.token}` } });
    expect(me.status(), "the owner's token still works").toBe(200);
    // The same calls by the owner succeed: the ids were real.
    const own = await request.patch(`/api/v1/todos/${owner.todoId}`, { headers: { Authorization: `Bearer ${owner.token}` }, data: { completed: true } });
    expect(own.status()).toBe(200);
  });
});
