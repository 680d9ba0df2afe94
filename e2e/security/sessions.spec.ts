// Sessions (PRODUCT.md "Security promises", docs/decisions/001-sessions.md): a cookie that
// was valid is refused once its session ended — logout, a password change (other sessions),
// deactivation, an administrator's "Log out everywhere" — on pages and on the API; a login
// never keeps a session id the browser already had; the cookie's flags, over HTTP and HTTPS.
import type { APIRequestContext, BrowserContext, Page } from "@playwright/test";
import { createApiToken } from "../../lib/tokens/token-service";
import { SECURE_SESSION_COOKIE } from "../../lib/auth/session-cookie";
import { startDedicatedServer } from "../support/dedicated-server";
import { ADMIN } from "../support/env";
import { DEFAULT_PASSWORD, type Person } from "../support/fixtures";
import { asCurrentUser, expect, expectApiError, expectLoginRedirect, loginCookie, newContext, postLogin, SESSION_COOKIE, test } from "../support/security";

/** The cookie a browser context holds, as a Cookie header. */
async function cookieOf(context: BrowserContext): Promise<string> {
  const cookie = (await context.cookies()).find((candidate) => candidate.name === SESSION_COOKIE);
  expect(cookie, "a session cookie").toBeTruthy();
  return `${cookie!.name}=${cookie!.value}`;
}

async function expectWorks(request: APIRequestContext, cookie: string, label: string) {
  expect((await request.get("/api/v1/me", { headers: { cookie } })).status(), `${label}: API`).toBe(200);
  expect((await request.get("/account/password", { headers: { cookie }, maxRedirects: 0 })).status(), `${label}: page`).toBe(200);
}

/** The old cookie, replayed: the login page for pages, 401 for the API (reads and writes). */
async function expectEnded(request: APIRequestContext, cookie: string, label: string, baseURL: string) {
  expectLoginRedirect(await request.get("/account/password", { headers: { cookie }, maxRedirects: 0 }), `${label}: page`);
  expectLoginRedirect(await request.get("/", { headers: { cookie }, maxRedirects: 0 }), `${label}: todo list`);
  await expectApiError(await request.get("/api/v1/me", { headers: { cookie } }), 401, "unauthorized", `${label}: API read`);
  await expectApiError(await request.post("/api/v1/todos", { headers: { cookie, Origin: baseURL }, data: { title: "replayed" } }), 401, "unauthorized", `${label}: API write`);
}

async function changePassword(page: Page, person: Person, next: string) {
  await page.goto("/account/password");
  await page.getByLabel("Current password").fill(person.password);
  await page.getByLabel("New password", { exact: true }).fill(next);
  await page.getByLabel("Confirm new password").fill(next);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByRole("main").getByRole("status")).toContainText("Your password has been changed");
}

test.describe("a session that ended stays ended when its cookie is replayed", () => {
  test("after logging out", async ({ page, context, request, createPerson, login, baseURL }) => {
    const person = await createPerson();
    await login(page, person);
    const cookie = await cookieOf(context);
    await expectWorks(request, cookie, "before");
    await page.getByRole("button", { name: "Log out" }).click();
    await expect(page).toHaveURL("/login");
    await expectEnded(request, cookie, "after logout", baseURL!);
  });

  test("after a password change: every other session ends, this one stays", async ({ page, context, browser, request, createPerson, login, baseURL }) => {
    const person = await createPerson();
    await login(page, person);
    const elsewhere = await newContext(browser);
    await login(elsewhere.page, person);
    const [mine, other] = [await cookieOf(context), await cookieOf(elsewhere.context)];
    const fetched = await loginCookie(person);
    await expectWorks(request, other, "the other browser, before");

    await changePassword(page, person, "Changed-secret-pass-8");
    await expectEnded(request, other, "the other browser", baseURL!);
    await expectEnded(request, fetched, "a third session", baseURL!);
    await expectWorks(request, mine, "the browser that changed it");
    await elsewhere.context.close();
  });

  test("after deactivation, by the admin API: sessions and tokens", async ({ request, createPerson, db, baseURL }) => {
    const person = await createPerson();
    const admin = await createPerson({ roles: ["admin", "staff"] });
    const cookie = await loginCookie(person);
    const { token } = await createApiToken(db, asCurrentUser(person), "theirs");
    const { token: adminToken } = await createApiToken(db, asCurrentUser(admin), "admin");
    await expectWorks(request, cookie, "before");

    const deactivated = await request.patch(`/api/v1/staff/${person.id}`, { headers: { Authorization: `Bearer ${adminToken}` }, data: { active: false } });
    expect(deactivated.status()).toBe(200);
    await expectEnded(request, cookie, "after deactivation", baseURL!);
    await expectApiError(await request.get("/api/v1/me", { headers: { Authorization: `Bearer ${token}` } }), 401, "unauthorized", "their token");
    // Reactivated, the old session does not come back.
    await request.patch(`/api/v1/staff/${person.id}`, { headers: { Authorization: `Bearer ${adminToken}` }, data: { active: true } });
    await expectEnded(request, cookie, "after reactivation", baseURL!);
  });

  test("after deactivation, from the edit page", async ({ page, request, createPerson, loggedInAdmin: _admin, baseURL }) => {
    const person = await createPerson();
    const cookie = await loginCookie(person);
    await page.goto(`/admin/staff/${person.id}/edit`);
    await page.getByLabel("Active", { exact: true }).uncheck();
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page).toHaveURL("/admin/staff?notice=staff-updated");
    await expectEnded(request, cookie, "after deactivation", baseURL!);
  });

  test("after an administrator's Log out everywhere", async ({ page, request, createPerson, loggedInAdmin: _admin, baseURL }) => {
    const person = await createPerson();
    const cookies = [await loginCookie(person), await loginCookie(person, { ip: "10.99.0.1" })];
    for (const cookie of cookies) await expectWorks(request, cookie, "before");
    await page.goto(`/admin/staff/${person.id}/edit`);
    await page.getByRole("button", { name: "Log out everywhere" }).click();
    await expect(page.getByRole("main").locator(".notice")).toHaveText("They have been logged out everywhere.");
    for (const [index, cookie] of cookies.entries()) await expectEnded(request, cookie, `session ${index + 1}`, baseURL!);
  });

  test("after an administrator sets a new password", async ({ request, createPerson, db, baseURL }) => {
    const person = await createPerson();
    const admin = await createPerson({ roles: ["admin", "staff"] });
    const cookie = await loginCookie(person);
    const { token: adminToken } = await createApiToken(db, asCurrentUser(admin), "admin");
    const changed = await request.patch(`/api/v1/staff/${person.id}`, { headers: { Authorization: `Bearer ${adminToken}` }, data: { password: "Set-by-the-admin-4" } });
    expect(changed.status()).toBe(200);
    await expectEnded(request, cookie, "after the new password", baseURL!);
  });
});

test.describe("a login", () => {
  test("never keeps the session the browser already had (no fixation), and ends it", async ({ request, createPerson, db, baseURL }) => {
    const person = await createPerson();
    const first = await loginCookie(person);
    const again = await postLogin(baseURL!, person, { cookie: first });
    expect(again.cookie).toBeTruthy();
    expect(again.cookie).not.toBe(first);
    expect(await db.session.count({ where: { userId: person.id } })).toBe(1);
    await expectEnded(request, first, "the session before the login", baseURL!);
    await expectWorks(request, again.cookie!, "the new session");
  });

  test("a session cookie names its session only in encrypted form", async ({ createPerson, db }) => {
    const person = await createPerson();
    const cookie = await loginCookie(person);
    const value = cookie.slice(`${SESSION_COOKIE}=`.length);
    expect(value.split(".")).toHaveLength(5); // a JWE: header, key, iv, ciphertext, tag
    const { sessionToken } = await db.session.findFirstOrThrow({ where: { userId: person.id } });
    expect(value).not.toContain(sessionToken);
    expect(Buffer.from(value.split(".")[0]!, "base64url").toString()).toContain('"enc"');
  });
});

test.describe("cookie flags", () => {
  test("over plain HTTP: HttpOnly, SameSite=Lax, Path=/, not Secure, no Domain; an expiry only with Remember me", async ({ createPerson, baseURL }) => {
    const person = await createPerson();
    for (const remember of [false, true]) {
      const answer = await postLogin(baseURL!, { ...person, remember });
      const sessionCookies = answer.setCookies.filter((value) => value.startsWith(`${SESSION_COOKIE}=`) && !/Max-Age=0|Expires=Thu, 01 Jan 1970/i.test(value));
      expect(sessionCookies.length, `remember ${remember}`).toBeGreaterThan(0);
      const flags = sessionCookies.at(-1)!.split(";").slice(1).map((flag) => flag.trim().toLowerCase());
      expect(flags).toEqual(expect.arrayContaining(["httponly", "samesite=lax", "path=/"]));
      expect(flags).not.toContain("secure");
      expect(flags.some((flag) => flag.startsWith("domain="))).toBe(false);
      expect(flags.some((flag) => flag.startsWith("expires=") || flag.startsWith("max-age=")), `an expiry with remember ${remember}`).toBe(remember);
    }
  });

  // Auth.js sets its cookie again each time it reads a session (its client polls this route):
  // without Remember me that must not turn into a 30-day cookie.
  test("GET /api/auth/session keeps a login without Remember me a browser-session cookie", async ({ createPerson, baseURL }) => {
    const person = await createPerson();
    for (const remember of [false, true]) {
      const { cookie } = await postLogin(baseURL!, { ...person, remember });
      expect(cookie, `remember ${remember}: logged in`).toBeTruthy();
      const answer = await fetch(`${baseURL}/api/auth/session`, { headers: { cookie: cookie! } });
      expect(answer.status).toBe(200);
      expect(((await answer.json()) as { user?: { id?: string } }).user?.id, `remember ${remember}: the session is read`).toBe(person.id);
      const reissued = answer.headers.getSetCookie().filter((value) => value.startsWith(`${SESSION_COOKIE}=`));
      if (remember) expect(reissued.every((value) => /;\s*(expires|max-age)=/i.test(value)), `remember ${remember}: ${reissued.join(" | ")}`).toBe(true);
      else for (const value of reissued) expect(value, "no expiry without Remember me").not.toMatch(/;\s*(expires|max-age)=/i);
      if (!remember) expect(reissued.length, "Auth.js does set it again (else this test proves nothing)").toBeGreaterThan(0);
    }
  });

  test("every cookie the app or Auth.js sets is HttpOnly and SameSite=Lax", async ({ createPerson, baseURL }) => {
    const person = await createPerson();
    const answers = [await fetch(`${baseURL}/api/auth/csrf`), await fetch(`${baseURL}/api/auth/session`), await fetch(`${baseURL}/api/auth/signin?callbackUrl=%2F`, { redirect: "manual" })];
    const setCookies = [...answers.flatMap((answer) => answer.headers.getSetCookie()), ...(await postLogin(baseURL!, person)).setCookies];
    expect(setCookies.length).toBeGreaterThan(2);
    for (const value of setCookies) {
      expect(value, value.split("=")[0]).toMatch(/;\s*HttpOnly/i);
      expect(value, value.split("=")[0]).toMatch(/;\s*SameSite=Lax/i);
    }
  });

  test("behind HTTPS (AUTH_URL=https://…): the __Host- cookie, marked Secure, Path=/, no Domain", { tag: "@database-independent" }, async () => {
    test.setTimeout(180_000);
    const server = await startDedicatedServer("secure-cookie", { AUTH_URL: "https://staff.example.test" });
    try {
      const answer = await postLogin(server.baseURL, { email: ADMIN.email, password: ADMIN.password });
      expect(answer.status).toBe(303);
      // Spelt out: the prefix is the promise (a browser refuses it without Secure, with a Domain or another Path).
      const hostName = `__Host-${SESSION_COOKIE}`;
      const session = answer.setCookies.filter((value) => value.startsWith(`${hostName}=`)).at(-1);
      expect(session, `a ${hostName} cookie`).toBeTruthy();
      const flags = session!.split(";").slice(1).map((flag) => flag.trim().toLowerCase());
      expect(flags).toEqual(expect.arrayContaining(["secure", "httponly", "samesite=lax", "path=/"]));
      expect(flags.some((flag) => flag.startsWith("domain="))).toBe(false);
      expect(answer.setCookies.filter((value) => value.startsWith(`${SESSION_COOKIE}=`))).toEqual([]);
      // The server reads it under that name; the plain name means nothing there.
      const value = answer.cookie!.split("=").slice(1).join("=");
      const me = await fetch(`${server.baseURL}/api/v1/me`, { headers: { cookie: `${SECURE_SESSION_COOKIE}=${value}` } });
      expect(me.status).toBe(200);
      for (const other of [SESSION_COOKIE, `__Secure-${SESSION_COOKIE}`]) {
        const elsewhere = await fetch(`${server.baseURL}/api/v1/me`, { headers: { cookie: `${other}=${value}` } });
        expect(elsewhere.status, other).toBe(401);
      }
      expect(SECURE_SESSION_COOKIE, "the name the other tests use").toBe(hostName);
    } finally {
      await server.stop();
    }
  });
});

test("a password that stopped working cannot be replayed either", async ({ page, createPerson, login, baseURL }) => {
  const person = await createPerson();
  await login(page, person);
  await changePassword(page, person, "Changed-secret-pass-9");
  const old = await postLogin(baseURL!, { email: person.email, password: DEFAULT_PASSWORD });
  expect(old.cookie).toBeNull();
  expect((await postLogin(baseURL!, { email: person.email, password: "Changed-secret-pass-9" })).cookie).toBeTruthy();
});
