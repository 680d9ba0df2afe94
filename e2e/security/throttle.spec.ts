// Throttling of password attempts (docs/decisions/006-throttling.md), as an attacker tries
// to abuse it: guessing is slowed per account × address, per account (a backoff for the
// addresses that guessed) and per address (slowed, not shut), but nobody can lock the owner
// out: the right password from an address with no recent failures for that account gets in,
// on the login page, HTTP Basic, token requests and Auth.js' own callback. 429 answers carry
// Retry-After and are audited once per burst. The servers trust one proxy hop, so
// X-Forwarded-For is the client's address here.
import type { APIRequestContext, APIResponse } from "@playwright/test";
import { SETS_SESSION_COOKIE } from "../../lib/auth/session-cookie";
import { PASSWORD_SCOPE, recordFailure } from "../../lib/auth/throttle";
import { randomClientIp, uniqueEmail, type Person } from "../support/fixtures";
import { expect, expectApiError, postLogin, test } from "../support/security";

const WRONG = "Not-the-password-1";
const basic = (email: string, password: string) => `Basic ${Buffer.from(`${email}:${password}`).toString("base64")}`;

function tokenRequest(request: APIRequestContext, email: string, password: string, ip: string): Promise<APIResponse> {
  return request.post("/api/v1/tokens", { data: { email, password }, headers: { "x-forwarded-for": ip } });
}

async function expectThrottled(response: APIResponse, label: string, atMostSeconds = 15 * 60): Promise<number> {
  await expectApiError(response, 429, "too_many_attempts", label);
  const retryAfter = Number(response.headers()["retry-after"]);
  expect(Number.isInteger(retryAfter), `${label}: Retry-After is whole seconds`).toBe(true);
  expect(retryAfter, `${label}: Retry-After`).toBeGreaterThan(0);
  expect(retryAfter, `${label}: Retry-After`).toBeLessThanOrEqual(atMostSeconds);
  return retryAfter;
}

/** Auth.js' own endpoint, as a script would post it: the CSRF token first, then the form. */
async function credentialsCallback(baseURL: string, email: string, password: string, ip: string): Promise<{ status: number; loggedIn: boolean }> {
  const csrf = await fetch(`${baseURL}/api/auth/csrf`, { headers: { "x-forwarded-for": ip } });
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookie = csrf.headers.getSetCookie().map((value) => value.split(";")[0]).join("; ");
  const answer = await fetch(`${baseURL}/api/auth/callback/credentials`, {
    method: "POST",
    body: new URLSearchParams({ csrfToken, email, password }),
    headers: { cookie, "x-forwarded-for": ip, "content-type": "application/x-www-form-urlencoded" },
    redirect: "manual",
  });
  return { status: answer.status, loggedIn: answer.headers.getSetCookie().some((value) => SETS_SESSION_COOKIE.test(value)) };
}

/** An attacker who knows the email: wrong guesses on every channel, case variants, from `ips`. */
async function attack(request: APIRequestContext, baseURL: string, person: Person, ips: string[]) {
  for (const [i, ip] of ips.entries()) {
    const email = i % 2 ? person.email.toUpperCase() : person.email;
    if (i % 3 === 0) expect((await postLogin(baseURL, { email, password: WRONG }, { ip })).cookie).toBeNull();
    else if (i % 3 === 1) await expectApiError(await tokenRequest(request, email, WRONG, ip), 401, "unauthorized");
    else await expectApiError(await request.get("/api/v1/me", { headers: { Authorization: basic(email, WRONG), "x-forwarded-for": ip } }), 401, "unauthorized");
  }
}

/** The owner, from an address that has not failed for them: every channel lets them in. */
async function expectOwnerGetsIn(request: APIRequestContext, baseURL: string, person: Person) {
  expect((await postLogin(baseURL, person, { ip: randomClientIp() })).cookie, "the login page").toBeTruthy();
  expect((await tokenRequest(request, person.email, person.password, randomClientIp())).status(), "a token request").toBe(201);
  expect((await request.get("/api/v1/me", { headers: { Authorization: basic(person.email, person.password), "x-forwarded-for": randomClientIp() } })).status(), "HTTP Basic").toBe(200);
  expect((await credentialsCallback(baseURL, person.email, person.password, randomClientIp())).loggedIn, "/api/auth/callback/credentials").toBe(true);
}

test.describe("nobody can lock the owner out", () => {
  test("five wrong guesses from one address (case variants, every channel): the owner elsewhere gets in on every channel", async ({ request, createPerson, baseURL }) => {
    const person = await createPerson();
    const attacker = randomClientIp();
    await attack(request, baseURL!, person, Array(5).fill(attacker));
    await expectThrottled(await tokenRequest(request, person.email, WRONG, attacker), "the attacker's next guess");
    await expectOwnerGetsIn(request, baseURL!, person);
  });

  test("guesses from many addresses slow each of them down, but not the owner's", async ({ request, createPerson, baseURL }) => {
    const person = await createPerson();
    const attackers = Array.from({ length: 10 }, () => randomClientIp());
    await attack(request, baseURL!, person, attackers);
    // Each address that guessed now waits (30 s, doubling), however few guesses it made.
    await expectThrottled(await tokenRequest(request, person.email, WRONG, attackers[4]!), "an attacker's second guess");
    await expectOwnerGetsIn(request, baseURL!, person);
  });
});

test.describe("guessing is still slowed", () => {
  test("from one address: after 5 failures even the right password gets 429 with Retry-After there, on every channel", async ({ request, createPerson, baseURL }) => {
    const person = await createPerson();
    const other = await createPerson();
    const ip = randomClientIp();
    await attack(request, baseURL!, person, Array(5).fill(ip));

    await expectThrottled(await tokenRequest(request, person.email, person.password, ip), "token request");
    await expectThrottled(await request.get("/api/v1/me", { headers: { Authorization: basic(person.email, person.password), "x-forwarded-for": ip } }), "HTTP Basic");
    expect((await postLogin(baseURL!, person, { ip })).cookie, "login page").toBeNull();
    expect((await credentialsCallback(baseURL!, person.email, person.password, ip)).loggedIn, "Auth.js' callback").toBe(false);
    // Only that account: another one from the same address gets in.
    expect((await tokenRequest(request, other.email, other.password, ip)).status()).toBe(201);
  });

  test("the login page says when to try again, and does not log in", async ({ browser, request, createPerson, baseURL, db }) => {
    const person = await createPerson();
    const ip = randomClientIp();
    await attack(request, baseURL!, person, Array(5).fill(ip));
    const context = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": ip } });
    const page = await context.newPage();
    await page.goto("/login");
    await page.getByLabel("Email").fill(person.email);
    await page.getByLabel("Password").fill(person.password);
    await page.getByRole("button", { name: "Log in" }).click();
    await expect(page.getByRole("main").getByRole("alert")).toHaveText(/^Too many failed attempts\. Try again in (1[0-5]|[1-9]) minutes?\.$/);
    await expect(page).toHaveURL(/\/login/);
    expect(await db.session.count({ where: { userId: person.id } })).toBe(0);
    await context.close();
  });

  test("four failures and a success: the success clears that address's count", async ({ request, createPerson }) => {
    const person = await createPerson();
    const ip = randomClientIp();
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 4; i++) await expectApiError(await tokenRequest(request, person.email, WRONG, ip), 401, "unauthorized");
      expect((await tokenRequest(request, person.email, person.password, ip)).status()).toBe(201);
    }
  });

  test("a shared address with 50 failures (a school's NAT) is slowed to seconds, not shut for 15 minutes", async ({ request, createPerson, db }) => {
    const teacher = await createPerson();
    const ip = randomClientIp();
    for (let i = 0; i < 50; i++) await recordFailure(db, PASSWORD_SCOPE, { account: uniqueEmail("pupil-guess"), address: ip });
    const retryAfter = await expectThrottled(await tokenRequest(request, teacher.email, teacher.password, ip), "the teacher behind the same address", 10);
    expect(retryAfter).toBeLessThanOrEqual(10);
    // Another address, the same account: in.
    expect((await tokenRequest(request, teacher.email, teacher.password, randomClientIp())).status()).toBe(201);
  });

  test("an administrator's Unlock login lets the account in again from the address that was locked", async ({ page, request, createPerson, loggedInAdmin: _admin, baseURL }) => {
    const person = await createPerson();
    const ip = randomClientIp();
    await attack(request, baseURL!, person, Array(5).fill(ip));
    await expectThrottled(await tokenRequest(request, person.email, person.password, ip), "locked");

    await page.goto(`/admin/staff/${person.id}/edit`);
    await expect(page.getByText("locked after too many failed attempts")).toBeVisible();
    await page.getByRole("button", { name: "Unlock login" }).click();
    await expect(page.getByRole("main").locator(".notice")).toHaveText("Login is unlocked: the failed attempts have been cleared.");
    expect((await tokenRequest(request, person.email, person.password, ip)).status()).toBe(201);
  });
});

test("throttled attempts are in the audit log, once per burst", async ({ request, createPerson, baseURL, db }) => {
  const person = await createPerson();
  const ip = randomClientIp();
  await attack(request, baseURL!, person, Array(5).fill(ip));
  for (let i = 0; i < 6; i++) await expectThrottled(await tokenRequest(request, i % 2 ? person.email.toUpperCase() : person.email, WRONG, ip), `throttled ${i}`);
  const entries = await db.auditEvent.findMany({ where: { action: "login.throttled", targetId: person.id } });
  expect(entries.map((entry) => [entry.targetEmail, entry.ip])).toEqual([[person.email, ip]]);
});

test("the address is the one the trusted proxy saw: an address the client put further left is ignored", async ({ request, createPerson, db }) => {
  const person = await createPerson();
  const [real, forged] = [randomClientIp(), randomClientIp()];
  // The client claims `forged`; the (one, trusted) proxy appended `real`.
  await expectApiError(await tokenRequest(request, person.email, WRONG, `${forged}, ${real}`), 401, "unauthorized");
  expect(await db.authFailure.count({ where: { scope: `${PASSWORD_SCOPE}|address`, key: real } })).toBe(1);
  expect(await db.authFailure.count({ where: { scope: `${PASSWORD_SCOPE}|address`, key: forged } })).toBe(0);
});
