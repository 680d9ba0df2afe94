// The last active administrator (issue 4, rule 3), end to end. The rule depends on every
// account in the database, and the suite's shared server has administrators coming and
// going in parallel tests; so this spec runs against a server of its own (a fresh SQLite
// file whose only administrator is ADMIN), started for it and stopped afterwards. The
// rule's every branch is unit-tested in lib/staff/staff-service.test.ts; this checks that
// the screens show the refusals where a person would look for them.
import { startDedicatedServer, type DedicatedServer } from "./support/dedicated-server";
import { ADMIN } from "./support/env";
import { expect, test as base, uniqueEmail } from "./support/fixtures";

const test = base.extend<object, { dedicated: DedicatedServer }>({
  dedicated: [
    async ({}, use) => {
      const server = await startDedicatedServer("last-admin");
      await use(server);
      await server.stop();
    },
    { scope: "worker", timeout: 180_000 },
  ],
});

const LOSE_ROLE = "This is the last active administrator: they cannot lose the admin role. Make someone else an administrator first.";
const DEACTIVATE = "This is the last active administrator: they cannot be deactivated. Make someone else an administrator first.";
const DELETE = "This is the last active administrator: they cannot be deleted. Make someone else an administrator first.";

test("the last active admin cannot demote, deactivate or delete themself; once there is another admin, they can step down", { tag: "@database-independent" }, async ({
  browser,
  dedicated,
  clientIp,
  login,
  expectAccessible,
}) => {
  test.setTimeout(120_000);
  const context = await browser.newContext({ baseURL: dedicated.baseURL, extraHTTPHeaders: { "x-forwarded-for": clientIp } });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("pageerror", (error) => problems.push(error.message));
  await login(page, ADMIN);

  const openOwnEditPage = async () => {
    await page.goto(`/admin/staff?q=${encodeURIComponent(ADMIN.email)}`);
    await page.getByRole("link", { name: /^Edit / }).click();
    await expect(page.getByRole("heading", { name: /^Edit staff:/ })).toBeVisible();
    await expect(page.getByText("This is your own account.")).toBeVisible();
  };
  const roles = page.getByRole("group", { name: "Roles" });

  await test.step("taking away their own admin role is refused, on the Roles field", async () => {
    await openOwnEditPage();
    await roles.getByLabel("admin", { exact: true }).uncheck();
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.locator("#field-roles-error")).toHaveText(LOSE_ROLE);
    await expect(roles).toHaveAttribute("aria-describedby", "field-roles-error");
    await expectAccessible(page);
    await page.reload();
    await expect(roles.getByLabel("admin", { exact: true })).toBeChecked();
  });

  await test.step("deactivating themself is refused, on the Active field", async () => {
    await page.getByLabel("Active", { exact: true }).uncheck();
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.locator("#field-active-error")).toHaveText(DEACTIVATE);
    await page.reload();
    await expect(page.getByLabel("Active", { exact: true })).toBeChecked();
  });

  await test.step("deleting themself is refused on the confirmation page", async () => {
    await page.getByRole("link", { name: /^Delete / }).click();
    await page.getByRole("button", { name: "Delete" }).click();
    await expect(page.getByRole("main").getByRole("alert")).toHaveText(DELETE);
    await page.goto(`/admin/staff?q=${encodeURIComponent(ADMIN.email)}`);
    await expect(page.getByRole("main").getByRole("status")).toHaveText(/^1 match/);
  });

  await test.step("nothing of it reached the audit log", async () => {
    await page.goto(`/admin/audit?person=${encodeURIComponent(ADMIN.email)}`);
    await expect(page.getByRole("table")).not.toContainText("Roles changed");
    await expect(page.getByRole("table")).not.toContainText("Account deactivated");
    await expect(page.getByRole("table")).not.toContainText("Account deleted");
  });

  await test.step("with a second active admin, the first may give up the role, and is logged out", async () => {
    await page.goto("/admin/staff/new");
    await page.getByLabel("Email").fill(uniqueEmail("second-admin"));
    await page.getByLabel("First name").fill("Second");
    await page.getByLabel("Last name").fill("Admin");
    await roles.getByLabel("admin", { exact: true }).check();
    await page.getByLabel("Password", { exact: true }).fill("Second-admin-pass-42");
    await page.getByLabel("Confirm password").fill("Second-admin-pass-42");
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page).toHaveURL("/admin/staff?notice=staff-created");

    await openOwnEditPage();
    await roles.getByLabel("admin", { exact: true }).uncheck();
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page).toHaveURL("/login");

    await login(page, ADMIN);
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Staff", exact: true })).toHaveCount(0);
    expect((await page.goto("/admin/staff"))?.status()).toBe(403);
  });

  expect(problems).toEqual([]);
  await context.close();
});
