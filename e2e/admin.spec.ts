// Administration (issue 4): subject groups, staff accounts, their rules, and the audit log,
// driven through the screens as an administrator would, with JavaScript on and off.
import { randomUUID } from "node:crypto";
import type { Browser, Page } from "@playwright/test";
import { PASSWORD_SCOPE, recordFailure } from "../lib/auth/throttle";
import { uniqueEmail } from "./support/fixtures";
import { expect, searchStaff, test } from "./support/admin";

const NEW_PASSWORD = "Fresh-staff-secret-31";
// What the person chooses when their temporary password (the admin's) makes them.
const OWN_PASSWORD = "Own-chosen-secret-64";

async function newContext(browser: Browser, clientIp: string, options: { javaScriptEnabled?: boolean } = {}) {
  const context = await browser.newContext({ ...options, extraHTTPHeaders: { "x-forwarded-for": clientIp } });
  return { context, page: await context.newPage() };
}

async function fillStaffForm(
  page: Page,
  person: { email?: string; firstName?: string; lastName?: string; group?: string; roles?: Record<string, boolean>; active?: boolean; password?: string },
) {
  if (person.email !== undefined) await page.getByLabel("Email").fill(person.email);
  if (person.firstName !== undefined) await page.getByLabel("First name").fill(person.firstName);
  if (person.lastName !== undefined) await page.getByLabel("Last name").fill(person.lastName);
  if (person.group !== undefined) await page.getByLabel("Subject group").selectOption({ label: person.group });
  const roles = page.getByRole("group", { name: "Roles" });
  for (const [role, on] of Object.entries(person.roles ?? {})) await roles.getByLabel(role, { exact: true }).setChecked(on);
  if (person.active !== undefined) await page.getByLabel("Active", { exact: true }).setChecked(person.active);
  if (person.password !== undefined) {
    await page.getByLabel("Password", { exact: true }).fill(person.password);
    await page.getByLabel("Confirm password").fill(person.password);
  }
}

const notice = (page: Page) => page.getByRole("main").locator(".notice");

test.describe("administration", () => {
  test("an admin creates a group and a person in it, who gets no admin access; edits, deactivates and deletes them; the audit log shows it all", async ({
    page,
    browser,
    loggedInAdmin: admin,
    groupName,
    login,
    clientIp,
    expectAccessible,
  }) => {
    test.setTimeout(120_000);
    const group = groupName("Maths");
    const otherGroup = groupName("Science");
    const email = uniqueEmail("journey");

    await test.step("navigation: the admin links, the current page marked", async () => {
      const nav = page.getByRole("navigation", { name: "Main" });
      await nav.getByRole("link", { name: "Subject groups" }).click();
      await expect(page).toHaveURL("/admin/subject-groups");
      await expect(nav.getByRole("link", { name: "Subject groups" })).toHaveAttribute("aria-current", "page");
      await expect(nav.getByRole("link", { name: "Staff", exact: true })).not.toHaveAttribute("aria-current");
      await expect(nav.getByRole("link", { name: "Audit log" })).toBeVisible();
      await expect(page.getByRole("banner").getByRole("link", { name: "Change password" })).toBeVisible();
      await expect(page.getByRole("banner").getByRole("button", { name: "Log out" })).toBeVisible();
    });

    await test.step("create two subject groups", async () => {
      for (const name of [group, otherGroup]) {
        await page.getByRole("link", { name: "New subject group" }).click();
        await expect(page.getByRole("heading", { name: "New subject group" })).toBeVisible();
        await page.getByLabel("Name").fill(name);
        await page.getByRole("button", { name: "Save" }).click();
        await expect(page).toHaveURL("/admin/subject-groups?notice=group-created");
        await expect(notice(page)).toHaveText("The subject group has been created.");
        await expect(page.getByRole("row", { name: new RegExp(`^${name} 0 `) })).toBeVisible();
      }
      await expectAccessible(page);
    });

    await test.step("create a staff member in the first group, with the staff role", async () => {
      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Staff", exact: true }).click();
      await page.getByRole("link", { name: "New staff" }).click();
      await expect(page).toHaveURL("/admin/staff/new");
      await expect(page.getByRole("group", { name: "Roles" }).getByLabel("staff", { exact: true })).toBeChecked();
      await expect(page.getByLabel("Active", { exact: true })).toBeChecked();
      await expectAccessible(page);
      await fillStaffForm(page, { email, firstName: "Jo", lastName: "Journey", group, roles: { admin: false, staff: true }, password: NEW_PASSWORD });
      await page.getByRole("button", { name: "Save" }).click();
      await expect(page).toHaveURL("/admin/staff?notice=staff-created");
      await expect(notice(page)).toHaveText("The staff member has been created.");

      await searchStaff(page, email);
      const row = page.getByRole("row", { name: /Jo Journey/ });
      await expect(row.getByRole("cell")).toHaveText([email, group, "staff", "Yes", "Off", "never", /Edit Jo Journey\s*Delete Jo Journey/]);
      await expectAccessible(page);
    });

    // The person logs in where the admin was; the admin carries on in a second browser.
    await test.step("the new person sees no admin links and gets 403 on admin pages", async () => {
      await page.getByRole("button", { name: "Log out" }).click();
      await login(page, { email, password: NEW_PASSWORD });
      // The admin's password is temporary: they choose their own before anything else.
      await expect(page).toHaveURL("/account/password");
      await expect(page.getByRole("main")).toContainText("Choose a new password to continue.");
      await page.goto("/");
      await expect(page).toHaveURL("/account/password");
      await page.getByLabel("Current password").fill(NEW_PASSWORD);
      await page.getByLabel("New password", { exact: true }).fill(OWN_PASSWORD);
      await page.getByLabel("Confirm new password").fill(OWN_PASSWORD);
      await page.getByRole("button", { name: "Change password" }).click();
      await expect(page.getByRole("status").filter({ hasText: "Your password has been changed." })).toBeVisible();
      await page.goto("/");
      const nav = page.getByRole("navigation", { name: "Main" });
      await expect(nav.getByRole("link", { name: "Todos" })).toBeVisible();
      for (const name of ["Staff", "Subject groups", "Audit log"]) await expect(nav.getByRole("link", { name, exact: true })).toHaveCount(0);
      for (const path of ["/admin/staff", "/admin/staff/new", "/admin/subject-groups", "/admin/subject-groups/new", "/admin/audit", "/admin"]) {
        const response = await page.goto(path);
        expect(response?.status(), path).toBe(403);
        await expect(page.getByRole("heading", { name: "Access denied" })).toBeVisible();
      }
    });

    const adminBrowser = await newContext(browser, clientIp);
    const adminPage = adminBrowser.page;
    await login(adminPage, admin);

    await test.step("edit: name and group; a blank password keeps the old one and the session", async () => {
      await adminPage.goto("/admin/staff");
      await searchStaff(adminPage, email);
      await adminPage.getByRole("link", { name: "Edit Jo Journey" }).click();
      await expect(adminPage.getByRole("heading", { name: "Edit staff: Jo Journey" })).toBeVisible();
      await expect(adminPage.getByLabel("Subject group")).toHaveValue(/\d+/);
      await expect(adminPage.getByLabel("Password", { exact: true })).toHaveValue("");
      await expectAccessible(adminPage);
      await fillStaffForm(adminPage, { firstName: "Joanna", lastName: "Journeyman", group: otherGroup });
      await adminPage.getByRole("button", { name: "Save" }).click();
      await expect(adminPage).toHaveURL("/admin/staff?notice=staff-updated");
      await expect(notice(adminPage)).toHaveText("The staff member has been saved.");
      await searchStaff(adminPage, email);
      await expect(adminPage.getByRole("row", { name: /Joanna Journeyman/ }).getByRole("cell").nth(1)).toHaveText(otherGroup);

      // Nothing that ends sessions was changed: the person is still logged in...
      await page.goto("/");
      await expect(page.getByRole("banner")).toContainText("Joanna Journeyman");
      // ...and the old password still works.
      const fresh = await newContext(browser, clientIp);
      await login(fresh.page, { email, password: OWN_PASSWORD });
      await fresh.context.close();
    });

    await test.step("deactivating them ends their open session at once", async () => {
      await adminPage.getByRole("link", { name: "Edit Joanna Journeyman" }).click();
      await expect(adminPage.getByText(/[1-9]\d* sessions?$/)).toBeVisible();
      await adminPage.getByLabel("Active", { exact: true }).uncheck();
      await adminPage.getByRole("button", { name: "Save" }).click();
      await expect(notice(adminPage)).toHaveText("The staff member has been saved.");
      await searchStaff(adminPage, email);
      await expect(adminPage.getByRole("row", { name: /Joanna Journeyman/ }).getByRole("cell").nth(3)).toHaveText("No");

      await page.goto("/account/password");
      await expect(page).toHaveURL(/\/login/);
    });

    await test.step("delete asks for confirmation, then deletes", async () => {
      await adminPage.getByRole("link", { name: "Delete Joanna Journeyman" }).click();
      await expect(adminPage.getByRole("heading", { name: "Delete staff member" })).toBeVisible();
      await expect(adminPage.getByRole("main")).toContainText(`Delete Joanna Journeyman (${email})?`);
      await expectAccessible(adminPage);
      await adminPage.getByRole("button", { name: "Delete" }).click();
      await expect(adminPage).toHaveURL("/admin/staff?notice=staff-deleted");
      await expect(notice(adminPage)).toHaveText("The staff member has been deleted, with their todos, sessions and API tokens.");
      await searchStaff(adminPage, email);
      await expect(adminPage.getByText("Nobody matches.")).toBeVisible();
    });

    await test.step("the audit log shows who did what to whom", async () => {
      await adminPage.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit log" }).click();
      await expect(adminPage.getByRole("link", { name: "Audit log" })).toHaveAttribute("aria-current", "page");
      await adminPage.getByLabel("Person").fill(email);
      await adminPage.getByRole("button", { name: "Filter" }).click();
      await expect(adminPage.getByRole("main").getByRole("status")).toHaveText(`Entries about ${email} (no account has this email now): 7 entries, newest first`);
      const rows = adminPage.getByRole("table").getByRole("row");
      const expected: [string, string, string][] = [
        [admin.email, "Account deleted", ""],
        [admin.email, "Account deactivated", ""],
        [email, "Login succeeded", "via login page"],
        [admin.email, "Account edited", "changed: first name, last name, subject group"],
        [email, "Password changed by its owner", "0 other sessions ended"],
        [email, "Login succeeded", "via login page"],
        [admin.email, "Account created", "roles: staff"],
      ];
      await expect(rows).toHaveCount(expected.length + 1);
      for (const [index, [who, what, details]] of expected.entries()) {
        const cells = rows.nth(index + 1).getByRole("cell");
        await expect(cells.nth(1)).toHaveText(who);
        await expect(cells.nth(2)).toHaveText(what);
        await expect(cells.nth(3)).toHaveText(email);
        await expect(cells.nth(4)).toHaveText(details);
      }
      await expect(adminPage.getByRole("main")).not.toContainText(NEW_PASSWORD);
      await expectAccessible(adminPage);
    });
    await adminBrowser.context.close();
  });

  test("a duplicate email and a duplicate group name are errors on their fields", async ({ page, loggedInAdmin: _admin, createPerson, createGroup, expectAccessible }) => {
    const existing = await createPerson();
    const group = await createGroup("Duplicate");

    await page.goto("/admin/staff/new");
    // The browser checks first, with the same schema as the server.
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.locator("#field-email-error")).toHaveText("Enter an email address.");
    // Blank password fields are allowed: the person is invited to choose their own.
    await expect(page.locator("#field-password-error")).toHaveText("");

    await fillStaffForm(page, { email: existing.email.toUpperCase(), firstName: "Second", lastName: "Copy", password: NEW_PASSWORD });
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
    await expect(page.locator("#field-email-error")).toHaveText("Another account already uses this email address.");
    await expect(page.getByRole("main").getByRole("alert")).toHaveText("Please correct the fields marked below.");
    await expect(page).toHaveURL("/admin/staff/new");
    await expect(page.getByLabel("First name")).toHaveValue("Second");
    await expectAccessible(page);

    // The same on edit: another person's email.
    const other = await createPerson();
    await page.goto(`/admin/staff/${other.id}/edit`);
    await page.getByLabel("Email").fill(existing.email);
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.locator("#field-email-error")).toHaveText("Another account already uses this email address.");

    await page.goto("/admin/subject-groups/new");
    await page.getByLabel("Name").fill(`  ${group.name.toUpperCase()} `);
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.locator("#field-name-error")).toHaveText("A subject group with this name already exists.");
    await expect(page.getByLabel("Name")).toHaveAttribute("aria-invalid", "true");
    await page.getByLabel("Name").fill("   ");
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.locator("#field-name-error")).toHaveText("Enter a name.");
    await expectAccessible(page);
  });

  test("a group with staff cannot be deleted, and says how many; an empty one can, after confirming", async ({ page, loggedInAdmin: _admin, createPerson, createGroup, db }) => {
    const full = await createGroup("Full");
    await createPerson({ subjectGroupId: full.id });
    await createPerson({ subjectGroupId: full.id });
    await page.goto("/admin/subject-groups");
    await expect(page.getByRole("row", { name: new RegExp(`^${full.name} 2 `) })).toBeVisible();
    await page.getByRole("link", { name: `Delete ${full.name}` }).click();
    await expect(page.getByRole("main").getByRole("alert")).toHaveText(`${full.name} still has 2 staff members: move them to another group first.`);
    await expect(page.getByRole("button", { name: "Delete" })).toHaveCount(0);

    // The server refuses too: someone joins the group while the confirmation page is open.
    const empty = await createGroup("Empty");
    await page.goto(`/admin/subject-groups/${empty.id}/delete`);
    await expect(page.getByRole("main")).toContainText(`Delete the subject group ${empty.name}?`);
    const joiner = await createPerson({ subjectGroupId: empty.id });
    await page.getByRole("button", { name: "Delete" }).click();
    await expect(page.getByRole("main").getByRole("alert")).toHaveText(`${empty.name} still has 1 staff member: move them to another group first.`);
    expect(await db.subjectGroup.count({ where: { id: empty.id } })).toBe(1);

    await db.user.update({ where: { id: joiner.id }, data: { subjectGroupId: null } });
    await page.reload();
    await page.getByRole("button", { name: "Delete" }).click();
    await expect(page).toHaveURL("/admin/subject-groups?notice=group-deleted");
    await expect(page.getByRole("main").locator(".notice")).toHaveText("The subject group has been deleted.");
    await expect(page.getByRole("row", { name: new RegExp(`^${empty.name} `) })).toHaveCount(0);
  });

  test("unlock login and log out everywhere, from the edit page", async ({ page, browser, loggedInAdmin: _admin, createPerson, login, db, clientIp, expectAccessible }) => {
    const person = await createPerson();
    const elsewhere = await newContext(browser, clientIp);
    await login(elsewhere.page, person);
    for (let i = 0; i < 5; i++) await recordFailure(db, PASSWORD_SCOPE, { account: person.email, address: "10.250.0.1" });

    await page.goto(`/admin/staff/${person.id}/edit`);
    await expect(page.getByText("locked after too many failed attempts")).toBeVisible();
    await expect(page.getByText("1 session", { exact: true })).toBeVisible();
    await expectAccessible(page);

    await page.getByRole("button", { name: "Unlock login" }).click();
    await expect(page.getByRole("main").locator(".notice")).toHaveText("Login is unlocked: the failed attempts have been cleared.");
    await expect(page.getByText("not locked", { exact: true })).toBeVisible();

    await page.getByRole("button", { name: "Log out everywhere" }).click();
    await expect(page.getByRole("main").locator(".notice")).toHaveText("They have been logged out everywhere.");
    await expect(page.getByText("0 sessions", { exact: true })).toBeVisible();
    await elsewhere.page.goto("/");
    await expect(elsewhere.page).toHaveURL(/\/login/);
    await elsewhere.context.close();

    await page.getByRole("link", { name: `Audit log for ${person.firstName} ${person.lastName}` }).click();
    await expect(page.getByRole("table").getByRole("row").nth(1).getByRole("cell").nth(2)).toHaveText("Logged out everywhere");
    await expect(page.getByRole("table").getByRole("row").nth(2).getByRole("cell").nth(2)).toHaveText("Login lock lifted");
  });

  test("without JavaScript: create, edit (a refused save keeps what was typed) and delete", async ({ browser, createPerson, login, createGroup, groupName, clientIp, db }) => {
    const admin = await createPerson({ roles: ["admin", "staff"] });
    const { context, page } = await newContext(browser, clientIp, { javaScriptEnabled: false });
    await login(page, admin);
    const group = await createGroup("NoJS");
    const email = uniqueEmail("nojs");
    const existing = await createPerson();

    // Subject groups: create, rename, delete.
    const groupNameNoJs = groupName("Plain");
    await page.goto("/admin/subject-groups/new");
    await page.getByLabel("Name").fill(groupNameNoJs);
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page).toHaveURL("/admin/subject-groups?notice=group-created");
    await page.getByRole("link", { name: `Edit ${groupNameNoJs}` }).click();
    await page.getByLabel("Name").fill(group.name.toLowerCase());
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.locator("#field-name-error")).toHaveText("A subject group with this name already exists.");
    await page.getByLabel("Name").fill(`${groupNameNoJs} renamed`);
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page).toHaveURL("/admin/subject-groups?notice=group-updated");
    await page.getByRole("link", { name: `Delete ${groupNameNoJs} renamed` }).click();
    await page.getByRole("button", { name: "Delete" }).click();
    await expect(page).toHaveURL("/admin/subject-groups?notice=group-deleted");

    // Staff: a refused create keeps the fields (not the passwords), unticked boxes included.
    await page.goto("/admin/staff/new");
    await fillStaffForm(page, { email: existing.email, firstName: "Nora", lastName: "Script", group: group.name, roles: { admin: true, staff: false }, active: false, password: NEW_PASSWORD });
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.locator("#field-email-error")).toHaveText("Another account already uses this email address.");
    await expect(page.getByLabel("First name")).toHaveValue("Nora");
    await expect(page.getByLabel("Subject group")).toHaveValue(String(group.id));
    await expect(page.getByRole("group", { name: "Roles" }).getByLabel("admin", { exact: true })).toBeChecked();
    await expect(page.getByRole("group", { name: "Roles" }).getByLabel("staff", { exact: true })).not.toBeChecked();
    await expect(page.getByLabel("Active", { exact: true })).not.toBeChecked();
    await expect(page.getByLabel("Password", { exact: true })).toHaveValue("");

    await fillStaffForm(page, { email, roles: { admin: false, staff: true }, active: true, password: NEW_PASSWORD });
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page).toHaveURL("/admin/staff?notice=staff-created");
    await expect(page.getByRole("main").locator(".notice")).toHaveText("The staff member has been created.");
    const created = await db.user.findUniqueOrThrow({ where: { email }, select: { id: true, subjectGroupId: true } });
    expect(created.subjectGroupId).toBe(group.id);

    // Edit: a new password, and the group removed.
    await page.goto(`/admin/staff/${created.id}/edit`);
    await page.getByLabel("Subject group").selectOption({ label: "(none)" });
    await page.getByLabel("Password", { exact: true }).fill("Another-fresh-secret-8");
    await page.getByLabel("Confirm password").fill("Another-fresh-secret-9");
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.locator("#field-confirmPassword-error")).toHaveText("The passwords do not match.");
    await page.getByLabel("Password", { exact: true }).fill("Another-fresh-secret-8");
    await page.getByLabel("Confirm password").fill("Another-fresh-secret-8");
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page).toHaveURL("/admin/staff?notice=staff-updated");
    expect((await db.user.findUniqueOrThrow({ where: { id: created.id }, select: { subjectGroupId: true } })).subjectGroupId).toBeNull();

    // Delete, after the confirmation page.
    await searchStaff(page, email);
    await page.getByRole("link", { name: "Delete Nora Script" }).click();
    await page.getByRole("button", { name: "Delete" }).click();
    await expect(page).toHaveURL("/admin/staff?notice=staff-deleted");
    expect(await db.user.count({ where: { id: created.id } })).toBe(0);
    await context.close();
  });

  test("a notice code from the address only ever shows its fixed text", async ({ page, loggedInAdmin: _admin }) => {
    await page.goto("/admin/staff?notice=%3Cscript%3Ealert(1)%3C%2Fscript%3E");
    await expect(page.getByRole("main").locator(".notice")).toHaveCount(0);
    await page.goto("/admin/staff?notice=staff-deleted");
    await expect(page.getByRole("main").locator(".notice")).toHaveText("The staff member has been deleted, with their todos, sessions and API tokens.");
  });

  test("unknown staff and group ids are 404 pages", async ({ page, loggedInAdmin: _admin }) => {
    for (const path of [`/admin/staff/${randomUUID()}/edit`, `/admin/staff/${randomUUID()}/delete`, "/admin/subject-groups/999999999/edit", "/admin/subject-groups/abc/delete"]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(404);
    }
  });

  test("a non-admin also gets 403 on a person's edit and delete pages", async ({ page, createPerson, login }) => {
    const member = await createPerson();
    const target = await createPerson();
    await login(page, member);
    for (const path of [`/admin/staff/${target.id}/edit`, `/admin/staff/${target.id}/delete`, "/admin/subject-groups/1/delete"]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(403);
    }
  });

  test("a non-admin who replays an admin form's post is refused on the server, and nothing changes", async ({ browser, createPerson, login, clientIp, db }) => {
    const admin = await createPerson({ roles: ["admin", "staff"] });
    const member = await createPerson();
    const victim = await createPerson({ firstName: "Victor" });

    // The admin's forms, as a browser without JavaScript posts them (the action's hidden fields included).
    const adminSide = await newContext(browser, clientIp, { javaScriptEnabled: false });
    await login(adminSide.page, admin);
    const formFields = async (path: string) => {
      await adminSide.page.goto(path);
      const form = adminSide.page.locator("main form").last();
      return form.evaluate((element) => Object.fromEntries(new FormData(element as HTMLFormElement)) as Record<string, string>);
    };
    const createForm = await formFields("/admin/staff/new");
    const deleteForm = await formFields(`/admin/staff/${victim.id}/delete`);
    await adminSide.context.close();

    const memberSide = await newContext(browser, clientIp);
    await login(memberSide.page, member);
    const email = uniqueEmail("replayed");
    const post = (path: string, fields: Record<string, string>) =>
      memberSide.page.request.post(path, { multipart: fields, headers: { origin: new URL(memberSide.page.url()).origin }, maxRedirects: 0 });

    const created = await post("/admin/staff/new", {
      ...createForm,
      email,
      firstName: "Sneaky",
      lastName: "Admin",
      roles: "admin",
      active: "on",
      password: NEW_PASSWORD,
      confirmPassword: NEW_PASSWORD,
    });
    // The action's role check calls forbidden(). For a post without JavaScript, Next.js
    // 16 answers any such access error with its not-found page (404); a fetch-posted
    // action gets 403. Either way: refused, and nothing changed.
    expect([403, 404]).toContain(created.status());
    const deleted = await post(`/admin/staff/${victim.id}/delete`, deleteForm);
    expect([403, 404]).toContain(deleted.status());

    expect(await db.user.count({ where: { email } })).toBe(0);
    expect(await db.user.count({ where: { id: victim.id } })).toBe(1);
    await memberSide.context.close();
  });
});
