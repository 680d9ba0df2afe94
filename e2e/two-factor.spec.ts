// Two-factor authentication (PRODUCT.md, "Two-factor authentication and passkeys"): setting
// it up by reading the setup key (the test is the phone), the login's second step, codes
// that work once, recovery codes, turning it off, and the API's rules.
import { SESSION_COOKIE_BASE as SESSION_COOKIE } from "../lib/auth/session-cookie";
import { RESET_SUBJECT } from "../lib/accounts/account-mails";
import { DEFAULT_PASSWORD } from "./support/fixtures";
import { linkIn, mailbox, pathOf } from "./support/mailbox";
import { Authenticator, codeStep, expect, fillCode, loginWithCode, logout, passwordStep, test } from "./support/two-factor";

const INVALID_CODE = "Invalid code.";

test.describe("setting up two-factor", () => {
  test("enrol from the setup key, log in with a code, and the same code is refused the second time", async ({ page, createPerson, login, expectAccessible }) => {
    // A long journey with five accessibility checks.
    test.slow();
    const person = await createPerson();
    await login(page, person);
    await page.getByRole("link", { name: "Security" }).click();
    await expect(page.getByRole("heading", { name: "Two-factor authentication" })).toBeVisible();
    await expectAccessible(page);
    await page.getByRole("button", { name: "Set up two-factor authentication" }).click();

    await expect(page.getByRole("img", { name: "QR code for your authenticator app" })).toBeVisible();
    const setupKey = page.getByLabel("Setup key");
    await expect(setupKey).toHaveAttribute("readonly", "");
    const app = Authenticator.fromSetupKey(await setupKey.inputValue());
    await expectAccessible(page);

    await fillCode(page, "000000");
    await page.getByRole("button", { name: "Turn on" }).click();
    await expect(page.locator("#field-code-error")).toHaveText(INVALID_CODE);
    await fillCode(page, await app.code());
    await page.getByRole("button", { name: "Turn on" }).click();

    await expect(page.getByRole("status").filter({ hasText: "Two-factor authentication is on." })).toBeVisible();
    const codes = page.getByRole("list", { name: "Recovery codes" }).getByRole("listitem");
    await expect(codes).toHaveCount(10);
    const recoveryCodes = await codes.allTextContents();
    const download = page.getByRole("link", { name: "Download" });
    await expect(download).toHaveAttribute("download", "staffroom-recovery-codes.txt");
    expect(decodeURIComponent((await download.getAttribute("href"))!.split(",")[1]!)).toContain(recoveryCodes[0]!);
    await expectAccessible(page);

    // Shown once: after Done, and on any later visit, only how many are left.
    await page.getByRole("button", { name: "Done" }).click();
    await expect(page.getByRole("list", { name: "Recovery codes" })).toHaveCount(0);
    await expect(page.getByText("You have 10 recovery codes left.")).toBeVisible();
    await expectAccessible(page);

    await logout(page);
    await passwordStep(page, person);
    await expectAccessible(page);
    const code = await app.code();
    await codeStep(page, code);
    await expect(page).toHaveURL("/");

    await logout(page);
    await passwordStep(page, person);
    await codeStep(page, code);
    await expect(page.getByRole("main").getByRole("alert")).toHaveText(INVALID_CODE);
    await expect(page).toHaveURL("/login/two-factor");
    await expect(page.getByLabel("Code", { exact: true })).toHaveValue("");
    expect(recoveryCodes).toHaveLength(10);
  });
});

test.describe("the login's second step", () => {
  test("a wrong code is refused; a recovery code works once", async ({ page, createTwoFactorPerson }) => {
    const person = await createTwoFactorPerson();
    await passwordStep(page, person);
    await codeStep(page, "123456");
    await expect(page.getByRole("main").getByRole("alert")).toHaveText(INVALID_CODE);
    await codeStep(page, "not-a-code");
    await expect(page.getByRole("main").getByRole("alert")).toHaveText(INVALID_CODE);

    const [recovery] = person.recoveryCodes;
    await codeStep(page, recovery!.toUpperCase());
    await expect(page).toHaveURL("/");

    await logout(page);
    await passwordStep(page, person);
    await codeStep(page, recovery!);
    await expect(page.getByRole("main").getByRole("alert")).toHaveText(INVALID_CODE);
    await page.goto("/");
    await expect(page).toHaveURL(/\/login/);
  });

  test("the password step alone gives no session; Remember me and the page asked for survive step 2", async ({ page, createTwoFactorPerson, context }) => {
    const person = await createTwoFactorPerson();
    await page.goto("/account/tokens");
    await expect(page).toHaveURL(/\/login\?callbackUrl=%2Faccount%2Ftokens/);
    await passwordStep(page, person, { from: page.url(), remember: true });
    expect((await context.cookies()).find((cookie) => cookie.name === SESSION_COOKIE)).toBeUndefined();
    const pending = (await context.cookies()).find((cookie) => cookie.name === "staffroom.login-step");
    expect(pending?.httpOnly).toBe(true);

    await codeStep(page, await person.app.code());
    await expect(page).toHaveURL("/account/tokens");
    const session = (await context.cookies()).find((cookie) => cookie.name === SESSION_COOKIE);
    expect(session!.expires * 1000).toBeGreaterThan(Date.now() + 29 * 24 * 3600 * 1000);
    expect((await context.cookies()).find((cookie) => cookie.name === "staffroom.login-step")).toBeUndefined();
  });

  test("works without JavaScript", async ({ browser, createTwoFactorPerson }) => {
    const person = await createTwoFactorPerson();
    const context = await browser.newContext({ javaScriptEnabled: false, extraHTTPHeaders: { "x-forwarded-for": "10.249.0.9" } });
    const page = await context.newPage();
    await passwordStep(page, person);
    await codeStep(page, "000000");
    await expect(page.getByRole("main").getByRole("alert")).toHaveText(INVALID_CODE);
    await codeStep(page, await person.app.code());
    await expect(page).toHaveURL("/");
    await context.close();
  });

  test("without a pending step, /login/two-factor sends to /login", async ({ page }) => {
    await page.goto("/login/two-factor");
    await expect(page).toHaveURL("/login");
  });

  test("an administrator's new password does not turn two-factor off", async ({ page, db, createTwoFactorPerson }) => {
    const person = await createTwoFactorPerson();
    const { hashPassword } = await import("../lib/auth/password");
    const password = "Set-by-an-admin-2026";
    await db.password.update({ where: { userId: person.id }, data: { hash: await hashPassword(password) } });
    await passwordStep(page, { email: person.email, password });
    await codeStep(page, await person.app.code());
    await expect(page).toHaveURL("/");
  });

  test("a password reset through the mailed link does not turn two-factor off: the next login asks for the code", async ({ page, createTwoFactorPerson }) => {
    const person = await createTwoFactorPerson();
    await page.goto("/login");
    await page.getByRole("link", { name: "Forgot password?" }).click();
    await expect(page).toHaveURL("/forgot-password");
    await page.getByLabel("Email").fill(person.email);
    await page.getByRole("button", { name: "Send reset link" }).click();
    await expect(page.getByRole("main").getByRole("status")).toContainText("we have sent a link");
    const link = linkIn(await mailbox.waitFor({ to: person.email, subject: RESET_SUBJECT }));
    await page.goto(pathOf(link));
    const password = "Chosen-after-a-reset-64";
    await page.getByLabel("New password", { exact: true }).fill(password);
    await page.getByLabel("Confirm new password").fill(password);
    await page.getByRole("button", { name: "Set password" }).click();
    await expect(page).toHaveURL("/login?notice=password-reset");

    await passwordStep(page, { email: person.email, password });
    await expect(page.getByLabel("Code", { exact: true })).toBeVisible();
    await codeStep(page, await person.app.code());
    await expect(page).toHaveURL("/");
  });
});

test.describe("managing two-factor", () => {
  test("turning off needs a confirmation", async ({ page, db, createTwoFactorPerson, expectAccessible }) => {
    const person = await createTwoFactorPerson();
    await loginWithCode(page, person);
    await page.goto("/account/security");
    await page.getByRole("button", { name: "Turn off", exact: true }).click();
    await expect(page.getByText("Turn off two-factor authentication?")).toBeVisible();
    await expectAccessible(page);
    await page.getByRole("link", { name: "Cancel" }).click();
    await expect(page.getByText("Two-factor authentication is on.")).toBeVisible();
    expect(await db.twoFactor.count({ where: { userId: person.id } })).toBe(1);

    await page.getByRole("button", { name: "Turn off", exact: true }).click();
    await page.getByRole("button", { name: "Turn off two-factor authentication" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Two-factor authentication is off." })).toBeVisible();
    await expect(page.getByRole("button", { name: "Set up two-factor authentication" })).toBeVisible();

    await logout(page);
    await page.getByLabel("Email").fill(person.email);
    await page.getByLabel("Password").fill(DEFAULT_PASSWORD);
    await page.getByRole("button", { name: "Log in" }).click();
    await expect(page).toHaveURL("/");
  });

  test("new recovery codes need a confirmation and replace the old ones", async ({ page, createTwoFactorPerson, expectAccessible }) => {
    const person = await createTwoFactorPerson();
    await loginWithCode(page, person);
    await page.goto("/account/security");
    await page.getByRole("button", { name: "New recovery codes" }).click();
    await expect(page.getByText("Make new recovery codes?")).toBeVisible();
    await page.getByRole("button", { name: "Make new recovery codes" }).click();
    const codes = page.getByRole("list", { name: "Recovery codes" }).getByRole("listitem");
    await expect(codes).toHaveCount(10);
    const fresh = await codes.allTextContents();
    expect(fresh).not.toContain(person.recoveryCodes[0]);
    await expectAccessible(page);
    await page.getByRole("button", { name: "Done" }).click();

    await logout(page);
    await passwordStep(page, person);
    await codeStep(page, person.recoveryCodes[0]!);
    await expect(page.getByRole("main").getByRole("alert")).toHaveText(INVALID_CODE);
    await codeStep(page, fresh[0]!);
    await expect(page).toHaveURL("/");
  });
});

test.describe("confirming it's you with two-factor", () => {
  test("a change on /account/security after a while asks for a code, then comes back", async ({ page, db, createTwoFactorPerson, expectAccessible }) => {
    const person = await createTwoFactorPerson();
    await loginWithCode(page, person);
    // The sign-in was long ago (REAUTH_MINUTES).
    await db.session.updateMany({ where: { userId: person.id }, data: { confirmedAt: new Date(0) } });
    await page.goto("/account/security?confirm=turn-off");
    await expect(page).toHaveURL(/\/account\/confirm\?next=/);
    await expect(page.getByRole("heading", { name: "Confirm it's you" })).toBeVisible();
    await expect(page.getByLabel("Password")).toHaveCount(0);
    await expectAccessible(page);
    await fillCode(page, "000000");
    await page.getByRole("button", { name: "Confirm" }).click();
    await expect(page.locator("#field-code-error")).toHaveText(INVALID_CODE);
    await fillCode(page, await person.app.code());
    await page.getByRole("button", { name: "Confirm" }).click();
    await expect(page).toHaveURL("/account/security?confirm=turn-off");
    await expect(page.getByText("Turn off two-factor authentication?")).toBeVisible();
  });
});

test.describe("the API and two-factor", () => {
  test("POST /api/v1/tokens wants the code; HTTP Basic is refused", async ({ request, createTwoFactorPerson }) => {
    const person = await createTwoFactorPerson();
    const credentials = { email: person.email, password: person.password };

    const withoutCode = await request.post("/api/v1/tokens", { data: credentials });
    expect(withoutCode.status()).toBe(401);
    expect((await withoutCode.json()).error.code).toBe("two_factor_required");

    const wrongCode = await request.post("/api/v1/tokens", { data: { ...credentials, code: "000000" } });
    expect(wrongCode.status()).toBe(401);
    expect((await wrongCode.json()).error.code).toBe("invalid_code");

    const wrongPassword = await request.post("/api/v1/tokens", { data: { ...credentials, password: "Not-the-password-1", code: await person.app.code() } });
    expect(wrongPassword.status()).toBe(401);
    expect((await wrongPassword.json()).error.code).toBe("unauthorized");

    const code = await person.app.code();
    const created = await request.post("/api/v1/tokens", { data: { ...credentials, code } });
    expect(created.status()).toBe(201);
    const { token, user } = await created.json();
    expect(user.email).toBe(person.email);
    const replayed = await request.post("/api/v1/tokens", { data: { ...credentials, code } });
    expect((await replayed.json()).error.code).toBe("invalid_code");

    const me = await request.get("/api/v1/me", { headers: { authorization: `Bearer ${token}` } });
    expect(me.status()).toBe(200);

    const basic = await request.get("/api/v1/me", { headers: { authorization: `Basic ${Buffer.from(`${person.email}:${person.password}`).toString("base64")}` } });
    expect(basic.status()).toBe(401);
    expect((await basic.json()).error.code).toBe("two_factor_required");
    expect(basic.headers()["www-authenticate"]).toContain("Bearer");

    const recovery = await request.post("/api/v1/tokens", { data: { ...credentials, code: person.recoveryCodes[0] } });
    expect(recovery.status()).toBe(201);
  });
});
