// Logging in and out, sessions, and changing one's password (issue: foundation).
import { SESSION_COOKIE_BASE as SESSION_COOKIE } from "../lib/auth/session-cookie";
import { expect, test, DEFAULT_PASSWORD } from "./support/fixtures";

test.describe("login", () => {
  test("an anonymous visitor is sent to /login and returns to the page asked for", async ({ page, createPerson, expectAccessible }) => {
    const person = await createPerson();
    await page.goto("/account/password?from=test");
    await expect(page).toHaveURL(/\/login\?callbackUrl=%2Faccount%2Fpassword%3Ffrom%3Dtest$/);
    await expectAccessible(page);

    await page.getByLabel("Email").fill(person.email.toUpperCase());
    await page.getByLabel("Password").fill(person.password);
    await page.getByRole("button", { name: "Log in" }).click();

    await expect(page).toHaveURL("/account/password?from=test");
    await expect(page.getByRole("heading", { name: "Change password" })).toBeVisible();
    await expect(page.getByRole("banner")).toContainText(`${person.firstName} ${person.lastName}`);
  });

  test("a wrong password and an unknown email get the same single message", async ({ page, createPerson }) => {
    const person = await createPerson();
    const attempt = async (email: string, password: string) => {
      await page.goto("/login");
      await page.getByLabel("Email").fill(email);
      await page.getByLabel("Password").fill(password);
      await page.getByRole("button", { name: "Log in" }).click();
      const alert = page.getByRole("main").getByRole("alert");
      await expect(alert).toHaveText("Invalid email or password.");
      return alert.textContent();
    };
    const wrongPassword = await attempt(person.email, "Not-the-password-1");
    const unknownEmail = await attempt("nobody-here@e2e.test", "Not-the-password-1");
    expect(wrongPassword).toBe(unknownEmail);
    await expect(page.getByLabel("Email")).toHaveValue("nobody-here@e2e.test");
    await expect(page.getByLabel("Password")).toHaveValue("");
  });

  test("the form checks its fields in the browser before posting", async ({ page, expectAccessible }) => {
    await page.goto("/login");
    await page.getByRole("button", { name: "Log in" }).click();
    await expect(page.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
    await expect(page.locator("#field-email-error")).toHaveText("Enter an email address.");
    await expect(page.locator("#field-password-error")).toHaveText("Enter your password.");
    await expectAccessible(page);
  });

  test("inactive staff cannot log in", async ({ page, createPerson }) => {
    const person = await createPerson({ active: false });
    await page.goto("/login");
    await page.getByLabel("Email").fill(person.email);
    await page.getByLabel("Password").fill(person.password);
    await page.getByRole("button", { name: "Log in" }).click();
    await expect(page.getByRole("main").getByRole("alert")).toHaveText("Invalid email or password.");
    await expect(page).toHaveURL(/\/login/);
  });

  test("without Remember me the cookie ends with the browser; with it, it lasts 30 days", async ({ browser, createPerson, login }) => {
    const person = await createPerson();
    const sessionCookie = async (remember: boolean) => {
      const context = await browser.newContext();
      const page = await context.newPage();
      await login(page, person, { remember });
      const cookie = (await context.cookies()).find((c) => c.name === SESSION_COOKIE);
      await context.close();
      return cookie!;
    };

    const browserSession = await sessionCookie(false);
    expect(browserSession.expires).toBe(-1);
    expect(browserSession.httpOnly).toBe(true);
    expect(browserSession.sameSite).toBe("Lax");

    const remembered = await sessionCookie(true);
    const days = (remembered.expires * 1000 - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThanOrEqual(30);
  });

  test("works without JavaScript", async ({ browser, createPerson, clientIp }) => {
    const person = await createPerson();
    const context = await browser.newContext({ javaScriptEnabled: false, extraHTTPHeaders: { "x-forwarded-for": clientIp } });
    const page = await context.newPage();
    await page.goto("/login");
    await page.getByLabel("Email").fill(person.email);
    await page.getByLabel("Password").fill("wrong-password-123");
    await page.getByRole("button", { name: "Log in" }).click();
    await expect(page.getByRole("main").getByRole("alert")).toHaveText("Invalid email or password.");
    await expect(page.getByLabel("Email")).toHaveValue(person.email);

    await page.getByLabel("Password").fill(person.password);
    await page.getByRole("button", { name: "Log in" }).click();
    await expect(page).toHaveURL("/");
    await expect(page.getByRole("button", { name: "Log out" })).toBeVisible();
    await context.close();
  });

  test("a callbackUrl to another site is ignored", async ({ page, createPerson }) => {
    const person = await createPerson();
    await page.goto("/login?callbackUrl=https%3A%2F%2Fevil.example%2Fsteal");
    await page.getByLabel("Email").fill(person.email);
    await page.getByLabel("Password").fill(person.password);
    await page.getByRole("button", { name: "Log in" }).click();
    await expect(page).toHaveURL(/^http:\/\/127\.0\.0\.1:\d+\/steal$/);
  });
});

test.describe("sessions", () => {
  test("logging out ends the session: the old cookie, replayed, no longer works", async ({ page, context, createPerson, login }) => {
    const person = await createPerson();
    await login(page, person);
    const cookie = (await context.cookies()).find((c) => c.name === SESSION_COOKIE)!;

    await page.getByRole("button", { name: "Log out" }).click();
    await expect(page).toHaveURL("/login");

    await context.addCookies([cookie]);
    await page.goto("/account/password");
    await expect(page).toHaveURL(/\/login\?callbackUrl=%2Faccount%2Fpassword/);
  });

  test("a forged x-middleware-subrequest header without a session gets nothing", async ({ request }) => {
    for (const path of ["/", "/account/password", "/admin/staff"]) {
      const response = await request.get(path, {
        headers: { "x-middleware-subrequest": "middleware:middleware:middleware:middleware:middleware" },
        maxRedirects: 0,
      });
      expect([303, 307]).toContain(response.status());
      expect(response.headers().location).toMatch(/\/login/);
    }
  });

  test("a logged-in person who is not an admin gets 403 on admin pages", async ({ page, createPerson, login, expectAccessible }) => {
    const person = await createPerson();
    await login(page, person);
    for (const path of ["/admin/staff", "/admin/staff/new", "/admin/subject-groups", "/admin/audit"]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(403);
      await expect(page.getByRole("heading", { name: "Access denied" })).toBeVisible();
    }
    await expect(page.getByRole("link", { name: "Staff", exact: true })).toHaveCount(0);
    await expectAccessible(page);
  });
});

test.describe("change password", () => {
  test("refuses a wrong current password, a mismatch and a short password, then changes it", async ({ browser, page, createPerson, login, expectAccessible, clientIp }) => {
    const person = await createPerson();
    await login(page, person);
    const elsewhere = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": clientIp } });
    const otherPage = await elsewhere.newPage();
    await login(otherPage, person);

    await page.getByRole("link", { name: "Change password" }).click();
    await expect(page.getByRole("link", { name: "Change password" })).toHaveAttribute("aria-current", "page");
    await expectAccessible(page);
    const submit = async (current: string, next: string, confirm: string) => {
      await page.getByLabel("Current password").fill(current);
      await page.getByLabel("New password", { exact: true }).fill(next);
      await page.getByLabel("Confirm new password").fill(confirm);
      await page.getByRole("button", { name: "Change password" }).click();
    };

    await submit("Wrong-current-pass-1", "Brand-new-secret-77", "Brand-new-secret-77");
    await expect(page.locator("#field-currentPassword-error")).toHaveText("That is not your current password.");

    await submit(person.password, "Brand-new-secret-77", "Brand-new-secret-78");
    await expect(page.locator("#field-confirmPassword-error")).toHaveText("The passwords do not match.");

    await submit(person.password, "short", "short");
    await expect(page.locator("#field-newPassword-error")).toHaveText("Use at least 8 characters.");
    await expectAccessible(page);

    await submit(person.password, "Brand-new-secret-77", "Brand-new-secret-77");
    await expect(page.getByRole("main").getByRole("status")).toHaveText("Your password has been changed. You have been logged out everywhere else.");

    // This browser stays logged in; the other one is logged out on its next request.
    await page.goto("/");
    await expect(page.getByRole("button", { name: "Log out" })).toBeVisible();
    await otherPage.goto("/account/password");
    await expect(otherPage).toHaveURL(/\/login/);
    await elsewhere.close();

    // The old password no longer works; the new one does.
    await page.getByRole("button", { name: "Log out" }).click();
    await page.getByLabel("Email").fill(person.email);
    await page.getByLabel("Password").fill(DEFAULT_PASSWORD);
    await page.getByRole("button", { name: "Log in" }).click();
    await expect(page.getByRole("main").getByRole("alert")).toHaveText("Invalid email or password.");
    await login(page, { email: person.email, password: "Brand-new-secret-77" });
  });
});
