// The pending state between the password step and the code (PRODUCT.md, "/login/two-factor";
// docs/decisions/012-two-factor.md): someone who knows the password but not the code holds a
// cookie for one thing only, typing a code. It opens no page, no action and no API route, it
// is no session under any name, Auth.js' own endpoint gives no session for the password
// alone, and it works once, for its own person.
import { SETS_SESSION_COOKIE } from "../../lib/auth/session-cookie";
import { generate } from "otplib";
import { openTotpSecret } from "../../lib/auth/two-factor/totp";
import { enableTwoFactor, startTwoFactorSetup } from "../../lib/auth/two-factor/two-factor-service";
import type { Db } from "../../lib/db/client";
import type { Person } from "../support/fixtures";
import { API_ROUTES, PAGES, sampleBody } from "../support/routes";
import { asCurrentUser, expect, expectLoginRedirect, hiddenFields, type LoginAnswer, loginCookie, postLogin, SESSION_COOKIE, test } from "../support/security";

const PENDING_COOKIE = "staffroom.login-step";

async function withTwoFactor(db: Db, person: Person): Promise<string> {
  await startTwoFactorSetup(db, asCurrentUser(person));
  const secret = openTotpSecret((await db.twoFactor.findUniqueOrThrow({ where: { userId: person.id } })).secret, person.id);
  const enabled = await enableTwoFactor(db, asCurrentUser(person), await generate({ secret, epoch: Math.floor(Date.now() / 1000) - 30 }), "10.253.0.1");
  expect(enabled.ok).toBe(true);
  return secret;
}

function pendingCookieOf(answer: LoginAnswer): string {
  const header = answer.setCookies.find((value) => value.startsWith(`${PENDING_COOKIE}=`));
  expect(header, "the pending step's cookie").toBeTruthy();
  expect(header).toMatch(/HttpOnly/i);
  expect(header).toMatch(/SameSite=Strict/i);
  return header!.split(";")[0]!;
}

test.describe("after the password step, before the code", () => {
  test("the password alone makes no session; the pending cookie opens no page and no API route", async ({ request, createPerson, db, ids, baseURL }) => {
    const person = await createPerson();
    await withTwoFactor(db, person);
    const answer = await postLogin(baseURL!, person);
    expect(answer.status).toBe(303);
    expect(new URL(answer.location!, baseURL).pathname).toBe("/login/two-factor");
    expect(answer.cookie, "no session cookie after the password step").toBeNull();
    expect(await db.session.count({ where: { userId: person.id } })).toBe(0);
    const pending = pendingCookieOf(answer);
    const token = pending.split("=")[1]!;

    // The pending cookie as it is, and its value dressed up as a session cookie.
    for (const cookie of [pending, `${SESSION_COOKIE}=${token}`, `${pending}; ${SESSION_COOKIE}=${token}`]) {
      for (const page of PAGES.filter((entry) => entry.access !== "public")) {
        expectLoginRedirect(await request.get(page.path(ids), { headers: { cookie }, maxRedirects: 0 }), `${page.route} with ${cookie.split("=")[0]}`);
      }
      for (const route of API_ROUTES) {
        for (const [method, access] of Object.entries(route.methods)) {
          if (access !== "user" && access !== "admin" && access !== "credentials") continue;
          const response = await request.fetch(route.path(ids), { method, headers: { cookie, Origin: baseURL! }, data: sampleBody(route.route, method as never) });
          expect(response.status(), `${method} ${route.route}`).toBe(401);
        }
      }
      expect(await (await request.get("/api/auth/session", { headers: { cookie } })).json()).toBeNull();
    }
    // Only its own page accepts it.
    expect((await request.get("/login/two-factor", { headers: { cookie: pending }, maxRedirects: 0 })).status()).toBe(200);
  });

  test("the pending cookie runs no server action", async ({ request, createPerson, db, baseURL }) => {
    const person = await createPerson();
    await withTwoFactor(db, person);
    const pending = pendingCookieOf(await postLogin(baseURL!, person));
    // A real add-todo form (its action id) from someone else's page, posted with only the pending cookie.
    const other = await createPerson();
    const page = await request.get("/", { headers: { cookie: await loginCookie(other) } });
    const form = new FormData();
    for (const [name, value] of Object.entries(hiddenFields(await page.text()))) form.set(name, value);
    form.set("title", "Written by a half-logged-in visitor");
    const response = await fetch(`${baseURL}/`, { method: "POST", body: form, headers: { cookie: pending, Origin: baseURL! }, redirect: "manual" });
    expect(response.status).toBeLessThan(500);
    expect(await db.todo.count({ where: { title: "Written by a half-logged-in visitor" } })).toBe(0);
  });

  test("Auth.js' own credentials endpoint gives no session for the password alone", async ({ request, createPerson, db }) => {
    const person = await createPerson();
    await withTwoFactor(db, person);
    const { csrfToken } = await (await request.get("/api/auth/csrf")).json();
    const response = await request.post("/api/auth/callback/credentials", {
      form: { csrfToken, email: person.email, password: person.password },
      maxRedirects: 0,
    });
    expect(response.status()).toBeLessThan(500);
    expect(response.headers()["set-cookie"] ?? "").not.toMatch(SETS_SESSION_COOKIE);
    expect(response.headers()["set-cookie"] ?? "").not.toContain(PENDING_COOKIE);
    expect(response.headers().location ?? "").not.toMatch(/[A-Za-z0-9_-]{40,}/);
    expect(await db.session.count({ where: { userId: person.id } })).toBe(0);
  });

  test("the pending step works once, and only for its own person's code", async ({ createPerson, db, baseURL }) => {
    const person = await createPerson();
    const secret = await withTwoFactor(db, person);
    const someoneElse = await createPerson();
    const otherSecret = await withTwoFactor(db, someoneElse);
    const pending = pendingCookieOf(await postLogin(baseURL!, person));

    const verify = async (code: string) => {
      const page = await fetch(`${baseURL}/login/two-factor`, { headers: { cookie: pending } });
      const form = new FormData();
      for (const [name, value] of Object.entries(hiddenFields(await page.text()))) form.set(name, value);
      form.set("code", code);
      return fetch(`${baseURL}/login/two-factor`, { method: "POST", body: form, headers: { cookie: pending, Origin: baseURL! }, redirect: "manual" });
    };
    // Another person's valid code does nothing for this login.
    const now = Math.floor(Date.now() / 1000);
    expect((await verify(await generate({ secret: otherSecret, epoch: now }))).headers.getSetCookie().join()).not.toMatch(SETS_SESSION_COOKIE);
    const success = await verify(await generate({ secret, epoch: now }));
    expect(success.status).toBe(303);
    expect(success.headers.getSetCookie().join()).toMatch(SETS_SESSION_COOKIE);
    // Used: the same cookie is good for nothing now.
    const again = await fetch(`${baseURL}/login/two-factor`, { headers: { cookie: pending }, redirect: "manual" });
    expect([303, 307]).toContain(again.status);
    expect(new URL(again.headers.get("location")!, baseURL).pathname).toBe("/login");
  });
});
