// The staff CSV: an administrator previews a file with a wrong row (nothing is applied), then
// a clean one (people created and sent their invitations, their subject group made); the export respects
// the search and escapes formula cells. With JavaScript and without.
import { randomUUID } from "node:crypto";
import { parse } from "csv-parse/sync";
import type { Page } from "@playwright/test";
import { INVITATION_SUBJECT } from "../lib/accounts/account-mails";
import { expect, test } from "./support/admin";
import { startDedicatedServer } from "./support/dedicated-server";
import { ADMIN } from "./support/env";
import { mailbox } from "./support/mailbox";

const csvFile = (name: string, text: string) => ({ name, mimeType: "text/csv", buffer: Buffer.from(text, "utf8") });

async function preview(page: Page, name: string, text: string) {
  await page.getByLabel("CSV file").setInputFiles(csvFile(name, text));
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByRole("heading", { name: `Preview: ${name}` })).toBeVisible();
}

for (const javaScriptEnabled of [true, false]) {
  test(`CSV import ${javaScriptEnabled ? "with" : "without"} JavaScript: a wrong row stops everything; a clean file creates people and their group`, async ({
    browser,
    createPerson,
    login,
    db,
    clientIp,
    expectAccessible,
    groupName,
  }) => {
    const context = await browser.newContext({ javaScriptEnabled, extraHTTPHeaders: { "x-forwarded-for": clientIp } });
    const page = await context.newPage();
    const admin = await createPerson({ roles: ["admin", "staff"] });
    await login(page, admin);
    const tag = randomUUID().slice(0, 8);
    const group = groupName("Imported");
    const first = `first-${tag}@csv.test`;
    const second = `second-${tag}@csv.test`;

    await page.goto("/admin/staff");
    await page.getByRole("link", { name: "Import CSV" }).click();
    await expect(page.getByRole("heading", { name: "Import staff from CSV" })).toBeVisible();

    await preview(page, "wrong.csv", `email;first_name;last_name;subject_group;roles\n${first};Fay;First;${group};staff\nnot-an-email;Sid;Second;;\n`);
    const rows = page.getByRole("table").getByRole("row");
    await expect(rows.filter({ hasText: first })).toContainText("Create");
    await expect(rows.filter({ hasText: "not-an-email" })).toContainText("Error");
    await expect(rows.filter({ hasText: "not-an-email" })).toContainText("email: Enter a valid email address");
    await expect(page.getByRole("alert").filter({ hasText: "1 of 2 rows have errors" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Import" })).toHaveCount(0);
    if (javaScriptEnabled) await expectAccessible(page);
    expect(await db.user.count({ where: { email: first } })).toBe(0);

    await preview(page, "clean.csv", `email,first_name,last_name,subject_group,roles,active\n${first},Fay,First,${group},staff,true\n${second},Sid,Second,${group},staff,yes\n`);
    await expect(page.getByRole("status").filter({ hasText: "Preview: 2 to create, 0 to update, 0 unchanged" })).toBeVisible();
    expect(await db.user.count({ where: { email: { in: [first, second] } } })).toBe(0);
    await page.getByRole("button", { name: "Import" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Import complete: 2 created, 0 updated, 0 unchanged. The new people have been sent an invitation by email." })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Invitation links" }), "with a mail server the links go by mail only").toHaveCount(0);
    if (javaScriptEnabled) await expectAccessible(page);

    const created = await db.user.findMany({ where: { email: { in: [first, second] } }, include: { subjectGroup: true, password: true } });
    expect(created).toHaveLength(2);
    for (const person of created) expect(person).toMatchObject({ subjectGroup: { name: group }, password: null });
    for (const email of [first, second]) await mailbox.waitFor({ to: email, subject: INVITATION_SUBJECT });
    const audit = await db.auditEvent.findMany({ where: { actorId: admin.id, action: "staff.csv_imported" } });
    expect(audit).toHaveLength(1);
    await db.user.deleteMany({ where: { email: { in: [first, second] } } });
    await context.close();
  });
}

test("CSV export: the staff table's search, formula cells escaped, a dated file name", async ({ page, loggedInAdmin: _admin, createPerson }) => {
  const tag = `Exp${randomUUID().slice(0, 6)}`;
  await createPerson({ firstName: "=HYPERLINK(\"http://evil\")", lastName: `${tag} One` });
  await createPerson({ firstName: "@SUM", lastName: `${tag} Two` });
  await createPerson({ firstName: "Not", lastName: "Matching" });

  await page.goto(`/admin/staff?q=${tag}`);
  const link = page.getByRole("link", { name: "Export CSV" });
  await expect(link).toHaveAttribute("href", `/admin/staff/export.csv?q=${tag}`);
  const response = await page.request.get((await link.getAttribute("href"))!);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toBe("text/csv; charset=utf-8");
  const today = new Date().toISOString().slice(0, 10);
  expect(response.headers()["content-disposition"]).toBe(`attachment; filename="staff-${today}-${tag.toLowerCase()}.csv"`);
  const rows = parse(await response.text(), { bom: true, columns: true }) as Record<string, string>[];
  expect(rows.map((row) => [row.first_name, row.last_name])).toEqual([
    ["'=HYPERLINK(\"http://evil\")", `${tag} One`],
    ["'@SUM", `${tag} Two`],
  ]);
});

test("CSV import without a mail server: the administrator is shown each new person's invitation link, and it works", { tag: "@database-independent" }, async ({ browser }) => {
  test.setTimeout(120_000);
  const server = await startDedicatedServer("csv-no-smtp", { SMTP_URL: "" });
  const context = await browser.newContext({ baseURL: server.baseURL });
  try {
    const page = await context.newPage();
    await page.goto("/login");
    await page.getByLabel("Email").fill(ADMIN.email);
    await page.getByLabel("Password").fill(ADMIN.password);
    await page.getByRole("button", { name: "Log in" }).click();
    await expect(page).not.toHaveURL(/\/login/);
    const email = `linked-${randomUUID().slice(0, 8)}@csv.test`;
    await page.goto("/admin/staff/import");
    await preview(page, "one.csv", `email,first_name,last_name\n${email},Lin,Ked\n`);
    await page.getByRole("button", { name: "Import" }).click();
    await expect(page.getByRole("status").filter({ hasText: "No mail server is set up (SMTP_URL), so pass the invitation links below on to them yourself." })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Invitation links" })).toBeVisible();
    const link = await page.getByLabel(email).inputValue();
    expect(link).toMatch(/\/reset-password\?token=[\w-]{43}$/);

    const invited = await browser.newContext();
    const invitedPage = await invited.newPage();
    await invitedPage.goto(link);
    await expect(invitedPage.getByRole("heading", { name: "Choose your password" })).toBeVisible();
    await invited.close();
  } finally {
    await context.close();
    await server.stop();
  }
});
