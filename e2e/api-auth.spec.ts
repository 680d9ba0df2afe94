// The API's authentication: tokens (seed 003), HTTP Basic, the session cookie and its
// Origin check, /me (seed 001's verify_auth), sign-up, and the one error format.
import type { APIRequestContext, APIResponse } from "@playwright/test";
import { BASE_URL, SIGNUP_BASE_URL } from "./support/env";
import { expect, test, uniqueEmail, type Person } from "./support/fixtures";

const API = "/api/v1";

async function issueToken(request: APIRequestContext, person: Pick<Person, "email" | "password">, name = "test") {
  const response = await request.post(`${API}/tokens`, { data: { email: person.email, password: person.password, name } });
  expect(response.status()).toBe(201);
  return (await response.json()) as { token: string; expiresAt: string; tokenId: number; user: { email: string } };
}

const basic = (email: string, password: string) => `Basic ${Buffer.from(`${email}:${password}`).toString("base64")}`;

async function expectError(response: APIResponse, status: number, code: string) {
  expect(response.status()).toBe(status);
  expect(response.headers()["content-type"]).toContain("application/json");
  const body = await response.json();
  expect(body.error.code).toBe(code);
  expect(typeof body.error.message).toBe("string");
  return body.error as { code: string; message: string; fields?: Record<string, string[]> };
}

test.describe("tokens", () => {
  test("seed 003's flow: post credentials, get a token once, call with it in either header", async ({ request, createPerson }) => {
    const person = await createPerson();
    const issued = await issueToken(request, person, "timetable script");
    expect(issued.token).toMatch(/^sr_[\w-]{43}$/);
    expect(issued.user.email).toBe(person.email);
    const days = (Date.parse(issued.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29.9);

    for (const headers of [{ Authorization: `Bearer ${issued.token}` }, { "Authentication-Token": issued.token }] as Record<string, string>[]) {
      const me = await request.get(`${API}/me`, { headers });
      expect(me.status()).toBe(200);
      const { user } = await me.json();
      expect(user).toMatchObject({ email: person.email, firstName: person.firstName, roles: ["staff"], active: true });
      expect(Object.keys(user).sort()).toEqual(["active", "createdAt", "email", "firstName", "id", "invited", "lastLoginAt", "lastName", "roles", "subjectGroup", "twoFactor", "username"]);
    }

    const list = await request.get(`${API}/tokens`, { headers: { Authorization: `Bearer ${issued.token}` } });
    const { tokens } = await list.json();
    expect(tokens).toHaveLength(1);
    expect(tokens[0]).toMatchObject({ id: issued.tokenId, name: "timetable script" });
    expect(tokens[0].lastUsedAt).not.toBeNull();
    expect(JSON.stringify(tokens)).not.toContain(issued.token);
  });

  test("wrong credentials get 401 with WWW-Authenticate, and nothing about which part was wrong", async ({ request, createPerson }) => {
    const person = await createPerson();
    const wrongPassword = await request.post(`${API}/tokens`, { data: { email: person.email, password: "Wrong-password-1" } });
    const unknownEmail = await request.post(`${API}/tokens`, { data: { email: "nobody@e2e.test", password: "Wrong-password-1" } });
    const a = await expectError(wrongPassword, 401, "unauthorized");
    const b = await expectError(unknownEmail, 401, "unauthorized");
    expect(a.message).toBe(b.message);
    expect(wrongPassword.headers()["www-authenticate"]).toBe('Bearer, Basic realm="Staffroom"');
  });

  test("a revoked token is refused at once; someone else's token id is 404", async ({ request, createPerson }) => {
    const [alice, bob] = [await createPerson(), await createPerson()];
    const aliceToken = await issueToken(request, alice);
    const bobToken = await issueToken(request, bob);
    const asBob = { Authorization: `Bearer ${bobToken.token}` };

    await expectError(await request.delete(`${API}/tokens/${aliceToken.tokenId}`, { headers: asBob }), 404, "not_found");
    expect((await request.get(`${API}/me`, { headers: { Authorization: `Bearer ${aliceToken.token}` } })).status()).toBe(200);

    const revoke = await request.delete(`${API}/tokens/${bobToken.tokenId}`, { headers: asBob });
    expect(revoke.status()).toBe(204);
    await expectError(await request.get(`${API}/me`, { headers: asBob }), 401, "unauthorized");
  });

  test("an expired token is refused", async ({ request, createPerson, db }) => {
    const person = await createPerson();
    const issued = await issueToken(request, person);
    await db.apiToken.update({ where: { id: issued.tokenId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await expectError(await request.get(`${API}/me`, { headers: { Authorization: `Bearer ${issued.token}` } }), 401, "unauthorized");
  });

  test("changing one's password revokes one's tokens", async ({ page, request, createPerson, login }) => {
    const person = await createPerson();
    const issued = await issueToken(request, person);
    await login(page, person);
    await page.goto("/account/password");
    await page.getByLabel("Current password").fill(person.password);
    await page.getByLabel("New password", { exact: true }).fill("Another-good-secret-5");
    await page.getByLabel("Confirm new password").fill("Another-good-secret-5");
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page.getByRole("main").getByRole("status")).toContainText("Your password has been changed");
    await expectError(await request.get(`${API}/me`, { headers: { Authorization: `Bearer ${issued.token}` } }), 401, "unauthorized");
  });

  test("deactivation ends tokens; inactive staff cannot get one", async ({ request, createPerson, db }) => {
    const person = await createPerson();
    const issued = await issueToken(request, person);
    await db.user.update({ where: { id: person.id }, data: { active: false } });
    await expectError(await request.get(`${API}/me`, { headers: { Authorization: `Bearer ${issued.token}` } }), 401, "unauthorized");
    await expectError(await request.post(`${API}/tokens`, { data: { email: person.email, password: person.password } }), 401, "unauthorized");
  });

  test("the API tokens page creates, shows once, lists and revokes tokens", async ({ page, request, createPerson, login, expectAccessible }) => {
    const person = await createPerson();
    await login(page, person);
    await page.getByRole("link", { name: "API tokens" }).click();
    await expect(page.getByRole("heading", { name: "API tokens", level: 1 })).toBeVisible();
    await page.getByLabel("Name").fill("Report script");
    await page.getByRole("button", { name: "Create token" }).click();
    const secret = await page.getByLabel("Your new token").inputValue();
    expect(secret).toMatch(/^sr_/);
    expect((await request.get(`${API}/me`, { headers: { Authorization: `Bearer ${secret}` } })).status()).toBe(200);
    await expectAccessible(page);

    await page.reload();
    await expect(page.getByRole("cell", { name: "Report script", exact: true })).toBeVisible();
    await expect(page.getByText(secret)).toHaveCount(0);
    await page.getByRole("button", { name: "Revoke Report script" }).click();
    await expect(page.getByRole("status")).toHaveText("The token has been revoked. It no longer works.");
    await expect(page.getByRole("cell", { name: "Report script", exact: true })).toHaveCount(0);
    expect((await request.get(`${API}/me`, { headers: { Authorization: `Bearer ${secret}` } })).status()).toBe(401);
  });
});

test.describe("HTTP Basic and cookies", () => {
  test("HTTP Basic with email:password authenticates each request", async ({ request, createPerson }) => {
    const person = await createPerson();
    const me = await request.get(`${API}/me`, { headers: { Authorization: basic(person.email, person.password) } });
    expect(me.status()).toBe(200);
    expect((await me.json()).user.email).toBe(person.email);
    await expectError(await request.get(`${API}/me`, { headers: { Authorization: basic(person.email, "nope-nope-nope") } }), 401, "unauthorized");
    await expectError(await request.get(`${API}/me`, { headers: { Authorization: "Digest abc" } }), 401, "unauthorized");
  });

  test("the session cookie authenticates reads; writes need a same-origin Origin", async ({ page, createPerson, login }) => {
    const person = await createPerson();
    await login(page, person);
    const me = await page.request.get(`${API}/me`);
    expect((await me.json()).user.email).toBe(person.email);

    const withoutOrigin = await page.request.post(`${API}/tokens`, { data: { name: "from the browser" } });
    await expectError(withoutOrigin, 403, "cross_origin_refused");
    const crossOrigin = await page.request.post(`${API}/tokens`, { data: { name: "x" }, headers: { Origin: "https://evil.example" } });
    await expectError(crossOrigin, 403, "cross_origin_refused");
    const sameOrigin = await page.request.post(`${API}/tokens`, { data: { name: "from the browser" }, headers: { Origin: BASE_URL } });
    expect(sameOrigin.status()).toBe(201);
  });

  test("a browser session creates a token only within REAUTH_MINUTES of signing in or confirming", async ({ page, createPerson, login, db }) => {
    const person = await createPerson();
    await login(page, person);
    await db.session.updateMany({ where: { userId: person.id }, data: { confirmedAt: new Date(Date.now() - 11 * 60_000) } });
    const stale = await page.request.post(`${API}/tokens`, { data: { name: "from the browser" }, headers: { Origin: BASE_URL } });
    await expectError(stale, 403, "reauthentication_required");
    const withPassword = await page.request.post(`${API}/tokens`, { data: { email: person.email, password: person.password, name: "x" }, headers: { Origin: BASE_URL } });
    expect(withPassword.status()).toBe(201);
    expect(await db.apiToken.count({ where: { userId: person.id } })).toBe(1);
  });

  test("without any credentials every route answers 401 JSON", async ({ request }) => {
    for (const [method, path] of [
      ["GET", "/me"],
      ["GET", "/tokens"],
      ["DELETE", "/tokens/1"],
      ["GET", "/staff"],
      ["POST", "/staff"],
      ["GET", "/subject-groups"],
      ["PATCH", "/subject-groups/1"],
    ] as const) {
      const response = await request.fetch(`${API}${path}`, { method, data: method === "GET" || method === "DELETE" ? undefined : {} });
      await expectError(response, 401, "unauthorized");
      expect(response.headers()["www-authenticate"], `${method} ${path}`).toBe('Bearer, Basic realm="Staffroom"');
    }
  });
});

test.describe("sign-up", () => {
  test("is 404 when ALLOW_SIGNUP is off (the default)", async ({ page, request }) => {
    await expectError(await request.post(`${API}/signup`, { data: {} }), 404, "not_found");
    const response = await page.goto("/signup");
    expect(response?.status()).toBe(404);
  });

  test("when on: 201 with a token and the staff role; 409 for a taken email or username; 422 for bad fields", async ({ playwright, clientIp }) => {
    const request = await playwright.request.newContext({ baseURL: SIGNUP_BASE_URL, extraHTTPHeaders: { "x-forwarded-for": clientIp } });
    const email = uniqueEmail("signup");
    const username = `user${Date.now().toString(36)}`;
    const person = { email, firstName: "Sam", lastName: "Signup", username, password: "A-sturdy-password-7" };

    const created = await request.post(`${API}/signup`, { data: person });
    expect(created.status()).toBe(201);
    const body = await created.json();
    expect(body.user).toMatchObject({ email, username, roles: ["staff"] });
    expect((await request.get(`${API}/me`, { headers: { Authorization: `Bearer ${body.token}` } })).status()).toBe(200);

    const sameEmail = await expectError(await request.post(`${API}/signup`, { data: { ...person, username: `${username}x` } }), 409, "conflict");
    expect(sameEmail.fields).toHaveProperty("email");
    const sameUsername = await expectError(
      await request.post(`${API}/signup`, { data: { ...person, email: uniqueEmail("signup"), username: username.toUpperCase() } }),
      409,
      "conflict",
    );
    expect(sameUsername.fields).toHaveProperty("username");

    const invalid = await expectError(
      await request.post(`${API}/signup`, { data: { email: "not-an-email", firstName: "", lastName: "X", username: "a!", password: "short" } }),
      422,
      "validation_failed",
    );
    expect(Object.keys(invalid.fields ?? {}).sort()).toEqual(["email", "firstName", "password", "username"]);
    await request.dispose();
  });

  test("when on, the /signup page signs a person up and logs them in", async ({ browser, clientIp, expectAccessible }) => {
    const context = await browser.newContext({ baseURL: SIGNUP_BASE_URL, extraHTTPHeaders: { "x-forwarded-for": clientIp } });
    const page = await context.newPage();
    await page.goto("/login");
    await page.getByRole("link", { name: "Sign up" }).click();
    await expect(page.getByRole("button", { name: "Sign up" })).toBeVisible();
    await expectAccessible(page);
    await page.getByRole("button", { name: "Sign up" }).click();
    await expect(page.locator("#field-username-error")).toHaveText("Use 3 to 32 letters (A–Z) and digits only.");

    await page.getByLabel("Email").fill(uniqueEmail("signup"));
    await page.getByLabel("First name").fill("Robin");
    await page.getByLabel("Last name").fill("Page");
    await page.getByLabel("Username").fill(`robin${Date.now().toString(36)}`);
    await page.getByLabel("Password", { exact: true }).fill("A-sturdy-password-8");
    await page.getByLabel("Confirm password").fill("A-sturdy-password-8");
    await page.getByRole("button", { name: "Sign up" }).click();
    await expect(page).toHaveURL(`${SIGNUP_BASE_URL}/`);
    await expect(page.getByRole("banner")).toContainText("Robin Page");
    await expect(page.getByRole("link", { name: "Staff", exact: true })).toHaveCount(0);
    await context.close();
  });
});

test.describe("error format", () => {
  test("malformed JSON, a wrong content type, a body over 1 MB and unknown fields get their 4xx", async ({ request, createPerson }) => {
    const admin = await createPerson({ roles: ["admin", "staff"] });
    const { token } = await issueToken(request, admin);
    const headers = { Authorization: `Bearer ${token}` };
    const post = (data: string, contentType = "application/json") =>
      request.post(`${API}/subject-groups`, { headers: { ...headers, "Content-Type": contentType }, data: Buffer.from(data) });

    await expectError(await post('{"name": '), 400, "invalid_json");
    await expectError(await post('{"name": "Art"}', "text/plain"), 400, "unsupported_content_type");
    await expectError(await post(JSON.stringify({ name: "x".repeat(1024 * 1024) })), 413, "payload_too_large");
    const unknown = await expectError(await post(JSON.stringify({ name: "Art", colour: "red" })), 422, "validation_failed");
    expect(unknown.fields).toEqual({ colour: ["Unknown field."] });
    const wrongType = await expectError(await post(JSON.stringify({ name: 42 })), 422, "validation_failed");
    expect(wrongType.fields).toHaveProperty("name");
  });

  test("the OpenAPI description is served and covers every route", async ({ request }) => {
    const response = await request.get(`${API}/openapi.json`);
    expect(response.status()).toBe(200);
    const document = await response.json();
    expect(document.openapi).toBe("3.1.0");
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(["/tokens", "/tokens/{id}", "/me", "/signup", "/staff", "/staff/{id}", "/subject-groups", "/subject-groups/{id}"]),
    );
    expect(document.components.schemas.User.properties).not.toHaveProperty("password");
  });
});
