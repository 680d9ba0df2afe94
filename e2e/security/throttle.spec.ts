// Throttling of password attempts (docs/decisions/006-throttling.md): 5 failures per
// account and 50 per client address in 15 minutes, shared by the login page, token requests
// and HTTP Basic; then 429 with Retry-After (the login page says when to try again), even
// for the right password. The servers trust one proxy hop, so X-Forwarded-For is the
// client's address here.
import type { APIRequestContext, APIResponse } from "@playwright/test";
import { randomClientIp, uniqueEmail, type Person } from "../support/fixtures";
import { expect, expectApiError, postLogin, test } from "../support/security";

const WRONG = "Not-the-password-1";
const basic = (email: string, password: string) => `Basic ${Buffer.from(`${email}:${password}`).toString("base64")}`;

function tokenRequest(request: APIRequestContext, email: string, password: string, ip: string): Promise<APIResponse> {
  return request.post("/api/v1/tokens", { data: { email, password }, headers: { "x-forwarded-for": ip } });
}

async function expectThrottled(response: APIResponse, label: string): Promise<number> {
  await expectApiError(response, 429, "too_many_attempts", label);
  const retryAfter = Number(response.headers()["retry-after"]);
  expect(Number.isInteger(retryAfter), `${label}: Retry-After is whole seconds`).toBe(true);
  expect(retryAfter, `${label}: Retry-After`).toBeGreaterThan(0);
  expect(retryAfter, `${label}: Retry-After`).toBeLessThanOrEqual(15 * 60);
  return retryAfter;
}

/** Five failures for the account, on all three channels, each from its own address. */
async function lockOut(request: APIRequestContext, person: Person, baseURL: string) {
  for (const ip of [randomClientIp(), randomClientIp()]) {
    expect((await postLogin(baseURL, { email: person.email, password: WRONG }, { ip })).cookie).toBeNull();
    await expectApiError(await tokenRequest(request, person.email.toUpperCase(), WRONG, ip), 401, "unauthorized");
  }
  const basicAnswer = await request.get("/api/v1/me", { headers: { Authorization: basic(person.email, WRONG), "x-forwarded-for": randomClientIp() } });
  await expectApiError(basicAnswer, 401, "unauthorized");
}

test.describe("per account", () => {
  test("after 5 failures (any channel, any address) even the right password gets 429 with Retry-After, on every channel", async ({ request, createPerson, baseURL }) => {
    const person = await createPerson();
    const other = await createPerson();
    await lockOut(request, person, baseURL!);

    const ip = randomClientIp();
    await expectThrottled(await tokenRequest(request, person.email, person.password, ip), "token request");
    await expectThrottled(await request.get("/api/v1/me", { headers: { Authorization: basic(person.email, person.password), "x-forwarded-for": ip } }), "HTTP Basic");
    expect((await postLogin(baseURL!, person, { ip })).cookie, "login page").toBeNull();
    // Only that account: another one from the same address gets in.
    expect((await tokenRequest(request, other.email, other.password, ip)).status()).toBe(201);
  });

  test("the login page says when to try again, and does not log in", async ({ page, request, createPerson, baseURL, db }) => {
    const person = await createPerson();
    await lockOut(request, person, baseURL!);
    await page.goto("/login");
    await page.getByLabel("Email").fill(person.email);
    await page.getByLabel("Password").fill(person.password);
    await page.getByRole("button", { name: "Log in" }).click();
    await expect(page.getByRole("main").getByRole("alert")).toHaveText(/^Too many failed attempts\. Try again in (1[0-5]|[1-9]) minutes?\.$/);
    await expect(page).toHaveURL(/\/login/);
    expect(await db.session.count({ where: { userId: person.id } })).toBe(0);
  });

  test("four failures and a success: the success clears the account's count", async ({ request, createPerson }) => {
    const person = await createPerson();
    const ip = randomClientIp();
    for (let i = 0; i < 4; i++) await expectApiError(await tokenRequest(request, person.email, WRONG, ip), 401, "unauthorized");
    expect((await tokenRequest(request, person.email, person.password, ip)).status()).toBe(201);
    for (let i = 0; i < 4; i++) await expectApiError(await tokenRequest(request, person.email, WRONG, ip), 401, "unauthorized");
    expect((await tokenRequest(request, person.email, person.password, ip)).status()).toBe(201);
  });

  test("an administrator's Unlock login lets the account in again", async ({ page, request, createPerson, loggedInAdmin: _admin, baseURL }) => {
    const person = await createPerson();
    await lockOut(request, person, baseURL!);
    await expectThrottled(await tokenRequest(request, person.email, person.password, randomClientIp()), "locked");

    await page.goto(`/admin/staff/${person.id}/edit`);
    await expect(page.getByText("locked after too many failed attempts")).toBeVisible();
    await page.getByRole("button", { name: "Unlock login" }).click();
    await expect(page.getByRole("main").locator(".notice")).toHaveText("Login is unlocked: the failed attempts have been cleared.");
    expect((await tokenRequest(request, person.email, person.password, randomClientIp())).status()).toBe(201);
  });
});

test.describe("per address", () => {
  test("50 failures from one address across different accounts: 429 for that address only; a success in between does not reset it", async ({ request, createPerson }) => {
    test.setTimeout(180_000);
    const [person, other] = [await createPerson(), await createPerson()];
    const ip = randomClientIp();
    // Every failure costs the server a bcrypt check at cost 12: a few at a time.
    const fail = async (count: number) => {
      for (let sent = 0; sent < count; sent += 5) {
        const batch = Array.from({ length: Math.min(5, count - sent) }, () => tokenRequest(request, uniqueEmail("nobody"), WRONG, ip));
        for (const response of await Promise.all(batch)) await expectApiError(response, 401, "unauthorized");
      }
    };

    await fail(49);
    expect((await tokenRequest(request, person.email, person.password, ip)).status(), "a success at 49 failures").toBe(201);
    await fail(1);
    await expectThrottled(await tokenRequest(request, other.email, other.password, ip), "a right password from that address");
    await expectThrottled(await request.get("/api/v1/me", { headers: { Authorization: basic(other.email, other.password), "x-forwarded-for": ip } }), "HTTP Basic from that address");
    // Another address, the same account: in.
    expect((await tokenRequest(request, other.email, other.password, randomClientIp())).status()).toBe(201);
  });

  test("the address is the one the trusted proxy saw: an address the client put further left is ignored", async ({ request, createPerson, db }) => {
    const person = await createPerson();
    const [real, forged] = [randomClientIp(), randomClientIp()];
    // The client claims `forged`; the (one, trusted) proxy appended `real`.
    await expectApiError(await tokenRequest(request, person.email, WRONG, `${forged}, ${real}`), 401, "unauthorized");
    expect(await db.authFailure.count({ where: { scope: "ip", key: real } })).toBe(1);
    expect(await db.authFailure.count({ where: { scope: "ip", key: forged } })).toBe(0);
  });
});
