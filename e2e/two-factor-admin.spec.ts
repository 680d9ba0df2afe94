// Two-factor for administrators (PRODUCT.md, "/admin/settings", "/admin/staff/[id]/edit"):
// the policy that sends people to set it up, and an administrator's reset.
import { startDedicatedServer, type DedicatedServer } from "./support/dedicated-server";
import { ADMIN } from "./support/env";
import { searchStaff } from "./support/admin";
import { Authenticator, codeStep, expect, fillCode, logout, passwordStep, test as base } from "./support/two-factor";

// The policy applies to the whole server: it is tried on a server of its own.
const test = base.extend<object, { dedicated: DedicatedServer }>({
  dedicated: [
    async ({}, use) => {
      const server = await startDedicatedServer("two-factor-policy");
      await use(server);
      await server.stop();
    },
    { scope: "worker", timeout: 180_000 },
  ],
});

test("the policy sends administrators without two-factor to set it up, until they have", { tag: "@database-independent" }, async ({ browser, dedicated, clientIp, login, expectAccessible }) => {
  test.setTimeout(120_000);
  const context = await browser.newContext({ baseURL: dedicated.baseURL, extraHTTPHeaders: { "x-forwarded-for": clientIp } });
  const page = await context.newPage();
  await login(page, ADMIN);

  await page.getByRole("link", { name: "Settings" }).click();
  await expect(page.getByRole("heading", { name: "Settings" })).toBeVisible();
  const policy = page.getByRole("group", { name: "Require two-factor authentication for" });
  await expect(policy.getByRole("radio", { name: "Nobody" })).toBeChecked();
  await expectAccessible(page);
  await policy.getByRole("radio", { name: "Administrators" }).check();
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("main").getByRole("status")).toHaveText("The settings have been saved.");

  // Covered now, and without two-factor: every page sends to /account/security.
  await page.goto("/admin/staff");
  await expect(page).toHaveURL("/account/security");
  await expect(page.getByRole("alert").filter({ hasText: "Your organisation requires two-factor authentication." })).toBeVisible();

  await logout(page);
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL("/account/security");

  await page.getByRole("button", { name: "Set up two-factor authentication" }).click();
  const app = Authenticator.fromSetupKey(await page.getByLabel("Setup key").inputValue());
  await fillCode(page, await app.code());
  await page.getByRole("button", { name: "Turn on" }).click();
  await expect(page.getByRole("list", { name: "Recovery codes" })).toBeVisible();
  await page.getByRole("button", { name: "Done" }).click();

  await page.goto("/admin/audit");
  await expect(page).toHaveURL("/admin/audit");
  await expect(page.getByRole("main")).toContainText("Settings changed");
  await expect(page.getByRole("main")).toContainText("Two-factor authentication turned on");

  // The next login asks for the code, and then goes where it was asked to.
  await logout(page);
  await passwordStep(page, ADMIN, { from: "/login?callbackUrl=%2Fadmin%2Fstaff" });
  await codeStep(page, await app.code());
  await expect(page).toHaveURL("/admin/staff");
  await context.close();
});

test("an administrator resets someone's two-factor: it is gone, and so are their sessions", async ({ page, browser, loggedInAdmin, createTwoFactorPerson, expectAccessible }) => {
  expect(loggedInAdmin.roles).toContain("admin");
  const person = await createTwoFactorPerson();
  const theirs = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": "10.248.0.7" } });
  const theirPage = await theirs.newPage();
  await passwordStep(theirPage, person);
  await codeStep(theirPage, await person.app.code());
  await expect(theirPage).toHaveURL("/");

  await page.goto("/admin/staff");
  await searchStaff(page, person.email);
  const row = page.getByRole("row", { name: new RegExp(person.lastName) });
  await expect(row.getByRole("cell", { name: "On", exact: true })).toBeVisible();
  expect((await (await page.request.get(`/api/v1/staff/${person.id}`)).json()).user.twoFactor).toBe(true);

  await page.goto(`/admin/staff/${person.id}/edit`);
  await page.getByRole("button", { name: "Reset two-factor" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Their two-factor authentication has been reset" })).toBeVisible();
  await expectAccessible(page);
  expect((await (await page.request.get(`/api/v1/staff/${person.id}`)).json()).user.twoFactor).toBe(false);

  await theirPage.reload();
  await expect(theirPage).toHaveURL(/\/login/);
  await theirPage.goto("/login");
  await theirPage.getByLabel("Email").fill(person.email);
  await theirPage.getByLabel("Password").fill(person.password);
  await theirPage.getByRole("button", { name: "Log in" }).click();
  await expect(theirPage).toHaveURL("/");
  await theirs.close();
});
