// /admin, the security overview: what the throttle holds back, with Unlock, and sign-ins
// per day as an SVG chart with the numbers in a table; no JavaScript needed, axe-clean,
// usable at 375 px and by keyboard. Only administrators see it.
import { PASSWORD_SCOPE, recordFailure } from "../../lib/auth/throttle";
import { randomClientIp } from "../support/fixtures";
import { expect, loginCookie, newContext, postLogin, test } from "../support/security";

test("an administrator sees who is held back, unlocks them, and reads sign-ins per day", async ({ browser, createPerson, login, db, expectAccessible, baseURL }) => {
  test.setTimeout(120_000);
  const admin = await createPerson({ roles: ["admin", "staff"] });
  const locked = await createPerson();
  const lockedFrom = randomClientIp();
  for (let i = 0; i < 5; i++) await recordFailure(db, PASSWORD_SCOPE, { account: locked.email, address: lockedFrom });
  const shared = randomClientIp();
  for (let i = 0; i < 50; i++) await recordFailure(db, PASSWORD_SCOPE, { account: `pupil${i}@guess.test`, address: shared });
  expect((await postLogin(baseURL!, { email: locked.email, password: "Not-the-password-1" })).cookie).toBeNull();

  // Server-rendered: without JavaScript the chart, the table and the counts are all there.
  const noScript = await newContext(browser, { javaScriptEnabled: false });
  await login(noScript.page, admin);
  await noScript.page.goto("/admin");
  await expect(noScript.page.getByRole("img", { name: /^Sign-ins per day, last 30 days/ })).toBeVisible();
  await expect(noScript.page.getByRole("table", { name: "Sign-ins per day (UTC), newest first" })).toBeVisible();
  await noScript.context.close();

  const { context, page } = await newContext(browser);
  await page.setViewportSize({ width: 375, height: 800 });
  await login(page, admin);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Security overview" }).click();
  await expect(page).toHaveURL(/\/admin$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Security overview");
  await expect(page.getByRole("term").filter({ hasText: "Active sessions" })).toBeVisible();

  const accounts = page.getByRole("region", { name: "Locked or slowed accounts" });
  await expect(accounts.locator("strong", { hasText: locked.email })).toBeVisible();
  await expect(accounts.getByText(/locked from 1 address/).first()).toBeVisible();
  const addresses = page.getByRole("region", { name: "Locked or slowed addresses" });
  await expect(addresses.getByText(/slowed \(one attempt per 10 seconds\)/).first()).toBeVisible();

  const chart = page.getByRole("img", { name: /^Sign-ins per day, last 30 days/ });
  await expect(chart).toBeVisible();
  const table = page.getByRole("table", { name: "Sign-ins per day (UTC), newest first" });
  const today = new Date().toISOString().slice(0, 10);
  const todayRow = table.getByRole("row", { name: new RegExp(today) });
  await expect(todayRow.getByRole("cell").nth(0)).not.toHaveText("0");
  await expect(todayRow.getByRole("cell").nth(1)).not.toHaveText("0");
  expect(await table.getByRole("row").count()).toBe(31);

  // Nothing scrolls sideways on a phone.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await expectAccessible(page);

  // Unlock by keyboard: the account, then the address.
  await accounts.getByRole("button", { name: `Unlock ${locked.email}` }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("main").locator(".notice")).toHaveText("The account is unlocked: its failed attempts have been cleared.");
  await expect(page.getByRole("region", { name: "Locked or slowed accounts" }).locator("strong", { hasText: locked.email })).toHaveCount(0);
  expect(await loginCookie(locked, { ip: lockedFrom })).toBeTruthy();
  await page.getByRole("button", { name: `Unlock ${shared}` }).click();
  await expect(page.getByRole("main").locator(".notice")).toHaveText("The address is unlocked: its failed attempts have been cleared.");
  expect(await db.auditEvent.count({ where: { action: "address.unlocked", actorId: admin.id } })).toBe(1);
  expect(await db.auditEvent.count({ where: { action: "staff.unlocked", actorId: admin.id, targetId: locked.id } })).toBe(1);
  await context.close();
});

test("staff who are not administrators get 403", async ({ createPerson, request }) => {
  const cookie = await loginCookie(await createPerson());
  expect((await request.get("/admin", { headers: { cookie }, maxRedirects: 0 })).status()).toBe(403);
});
