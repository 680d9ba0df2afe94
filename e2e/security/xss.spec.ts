// Stored and reflected XSS: markup and script typed into every text field that is shown
// back (names, subject groups, todo titles, token names, the email typed at a failed login
// in the audit log) and into every address parameter a page shows, rendered in a real
// browser: the exact text is visible, no dialog opens, and no element or handler from the
// payload exists. (The fixture's page also fails on any console error, which is where a
// Content-Security-Policy violation would show.)
import type { Page } from "@playwright/test";
import { createApiToken } from "../../lib/tokens/token-service";
import { createTodo } from "../../lib/todos/todo-service";
import { SIGNUP_BASE_URL } from "../support/env";
import { randomClientIp, uniqueEmail } from "../support/fixtures";
import { asCurrentUser, expect, loginCookie, newContext, test, unique } from "../support/security";

/** Each at most 45 characters, so that a unique suffix still fits a 60-character name. */
const PAYLOADS = [
  "<img src=x onerror=alert(1) data-xss>",
  '"><script data-xss>alert(1)</script>',
  "javascript:alert(1)",
  "<svg onload=alert(1) data-xss></svg>",
  "'><a href=\"javascript:alert(1)\" data-xss>x</a>",
  "{{7*7}}${alert(1)}<!--",
];

/** Fails the test if any dialog opens on the page. */
function watchDialogs(page: Page): string[] {
  const opened: string[] = [];
  page.on("dialog", (dialog) => {
    opened.push(dialog.message());
    void dialog.dismiss();
  });
  return opened;
}

/** Nothing from a payload became markup: no marked element, no inline handler, no javascript: address. */
async function expectNoInjectedMarkup(page: Page, label: string) {
  await expect(page.locator("[data-xss]"), `${label}: elements from a payload`).toHaveCount(0);
  const injected = await page.evaluate(() =>
    [...document.querySelectorAll("*")].flatMap((element) =>
      [...element.attributes]
        .filter((attribute) => /^on/i.test(attribute.name) || (/^(href|src|action|formaction|xlink:href)$/i.test(attribute.name) && /^\s*javascript:/i.test(attribute.value)))
        // React's own guard on forms whose action is a function (it throws if they are ever submitted natively).
        .filter((attribute) => !attribute.value.startsWith("javascript:throw new Error('A React form was unexpectedly submitted."))
        .map((attribute) => `<${element.tagName.toLowerCase()} ${attribute.name}="${attribute.value}">`),
    ),
  );
  expect(injected, `${label}: handlers and javascript: addresses`).toEqual([]);
}

async function expectShownAsText(page: Page, texts: string[], label: string) {
  for (const text of texts) await expect(page.getByText(text, { exact: false }).first(), `${label}: ${text}`).toBeVisible();
  await expectNoInjectedMarkup(page, label);
}

test.describe("stored payloads render as text", () => {
  test("staff first and last names: staff list, edit and delete pages, and the person's own header", async ({ page, browser, createPerson, loggedInAdmin: _admin }) => {
    const dialogs = watchDialogs(page);
    const marker = `Xss${unique()}`;
    const people = [];
    for (const payload of PAYLOADS) people.push(await createPerson({ firstName: payload, lastName: `${marker} ${payload.slice(0, 10)}` }));

    await page.goto(`/admin/staff?q=${marker}`);
    await expect(page.getByRole("row")).toHaveCount(PAYLOADS.length + 1);
    await expectShownAsText(page, PAYLOADS, "staff list");
    for (const person of people.slice(0, 3)) {
      await page.goto(`/admin/staff/${person.id}/edit`);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Edit staff: ${person.firstName} ${person.lastName}`);
      await expect(page.getByLabel("First name")).toHaveValue(person.firstName);
      await expectNoInjectedMarkup(page, "edit page");
      await page.goto(`/admin/staff/${person.id}/delete`);
      await expectShownAsText(page, [`${person.firstName} ${person.lastName}`], "delete page");
    }

    const theirs = await newContext(browser);
    const theirDialogs = watchDialogs(theirs.page);
    await theirs.context.addCookies([{ ...cookieParts(await loginCookie(people[0]!)), url: new URL(page.url()).origin }]);
    await theirs.page.goto("/account/password");
    await expect(theirs.page.getByRole("banner")).toContainText(`${people[0]!.firstName} ${people[0]!.lastName}`);
    await expectNoInjectedMarkup(theirs.page, "the person's own header");
    await theirs.context.close();
    expect([...dialogs, ...theirDialogs]).toEqual([]);
  });

  test("subject group names: list, edit and delete pages, the staff list and form, the audit log", async ({ page, request, createPerson, groupName, db, loggedInAdmin: admin }) => {
    const dialogs = watchDialogs(page);
    const { token } = await createApiToken(db, asCurrentUser(admin), "xss");
    const groups: { id: number; name: string }[] = [];
    for (const payload of PAYLOADS) {
      const created = await request.post("/api/v1/subject-groups", { headers: { Authorization: `Bearer ${token}` }, data: { name: groupName(payload) } });
      expect(created.status(), payload).toBe(201);
      groups.push((await created.json()).subjectGroup);
    }
    const member = await createPerson({ subjectGroupId: groups[0]!.id });

    await page.goto("/admin/subject-groups");
    await expectShownAsText(page, groups.map((group) => group.name), "subject groups list");
    for (const group of groups.slice(0, 3)) {
      await page.goto(`/admin/subject-groups/${group.id}/edit`);
      await expect(page.getByLabel("Name")).toHaveValue(group.name);
      await expectNoInjectedMarkup(page, "edit page");
      await page.goto(`/admin/subject-groups/${group.id}/delete`);
      await expectShownAsText(page, [group.name], "delete page");
    }
    await page.goto(`/admin/staff?q=${encodeURIComponent(member.email)}`);
    await expectShownAsText(page, [groups[0]!.name], "staff list");
    await page.goto(`/admin/staff/${member.id}/edit`);
    await expect(page.getByLabel("Subject group").locator("option:checked")).toHaveText(groups[0]!.name);
    await expectNoInjectedMarkup(page, "staff form");
    await page.goto(`/admin/audit?person=${admin.id}`);
    await expectShownAsText(page, groups.map((group) => group.name), "audit log");
    expect(dialogs).toEqual([]);
  });

  test("todo titles: rendered by the server, and typed into the list", async ({ page, createPerson, login, db }) => {
    const dialogs = watchDialogs(page);
    const person = await createPerson();
    for (const payload of PAYLOADS.slice(0, 3)) await createTodo(db, asCurrentUser(person), { title: payload });
    await login(page, person);
    await expect(page.locator(".todo-list li")).toHaveCount(3);
    await expectShownAsText(page, PAYLOADS.slice(0, 3), "server-rendered list");

    // Typed: the list renders them in the browser, then again after a reload from the server.
    await page.waitForFunction(() => Object.keys(document.querySelector(".new-todo") ?? {}).some((key) => key.startsWith("__reactProps$")));
    for (const payload of PAYLOADS.slice(3)) {
      await page.locator(".new-todo").fill(payload);
      await page.locator(".new-todo").press("Enter");
    }
    await expect(page.locator(".todo-list li")).toHaveCount(PAYLOADS.length);
    await expectShownAsText(page, PAYLOADS, "list in the browser");
    await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
    await page.reload();
    await expectShownAsText(page, PAYLOADS, "list after a reload");
    expect((await db.todo.findMany({ where: { ownerId: person.id }, orderBy: { order: "asc" } })).map((todo) => todo.title)).toEqual(PAYLOADS);
    expect(dialogs).toEqual([]);
  });

  test("API token names: the confirmation, the list and its buttons' labels", async ({ page, createPerson, login, db }) => {
    const dialogs = watchDialogs(page);
    const person = await createPerson();
    for (const payload of PAYLOADS.slice(1)) await createApiToken(db, asCurrentUser(person), payload);
    await login(page, person);
    await page.goto("/account/tokens");
    await page.getByLabel("Name").fill(PAYLOADS[0]!);
    await page.getByRole("button", { name: "Create token" }).click();
    await expect(page.getByText(`Token "${PAYLOADS[0]}" created.`, { exact: false })).toBeVisible();
    await expectNoInjectedMarkup(page, "confirmation");
    await page.reload();
    await expectShownAsText(page, PAYLOADS, "token list");
    for (const payload of PAYLOADS) await expect(page.getByRole("button", { name: `Revoke ${payload}`, exact: true })).toHaveCount(1);
    expect(dialogs).toEqual([]);
  });

  test("the email typed at a failed login, in the audit log", async ({ page, request, loggedInAdmin: _admin }) => {
    const dialogs = watchDialogs(page);
    const marker = unique();
    const emails = PAYLOADS.slice(0, 4).map((payload) => `${payload}${marker}@xss.test`);
    // Token requests and HTTP Basic take the email as typed, and both are audited (Basic
    // cannot carry a colon in the email: it ends the user name there).
    const entries = new Map<string, number>();
    for (const email of emails) {
      expect((await request.post("/api/v1/tokens", { data: { email, password: "wrong-password-1" }, headers: { "x-forwarded-for": randomClientIp() } })).status()).toBe(401);
      entries.set(email, 1);
      if (email.includes(":")) continue;
      const basic = `Basic ${Buffer.from(`${email}:wrong-password-1`).toString("base64")}`;
      expect((await request.get("/api/v1/me", { headers: { Authorization: basic, "x-forwarded-for": randomClientIp() } })).status()).toBe(401);
      entries.set(email, 2);
    }
    for (const email of emails) {
      const count = entries.get(email)!;
      await page.goto(`/admin/audit?person=${encodeURIComponent(email)}`);
      await expect(page.getByRole("main").getByRole("status")).toHaveText(`Entries about ${email} (no account has this email now): ${count} ${count === 1 ? "entry" : "entries"}, newest first`);
      await expect(page.getByRole("table").getByRole("row")).toHaveCount(count + 1);
      await expect(page.getByRole("table").getByRole("row").nth(1).getByRole("cell").nth(3)).toHaveText(email);
      await expectNoInjectedMarkup(page, email);
    }
    expect(dialogs).toEqual([]);
  });

  test("usernames cannot hold markup at all: letters and digits only", async ({ request, createPerson, db, clientIp }) => {
    const admin = await createPerson({ roles: ["admin", "staff"] });
    const { token } = await createApiToken(db, asCurrentUser(admin), "xss");
    const target = await createPerson();
    for (const payload of PAYLOADS) {
      const patched = await request.patch(`/api/v1/staff/${target.id}`, { headers: { Authorization: `Bearer ${token}` }, data: { username: payload } });
      expect(patched.status(), payload).toBe(422);
      expect((await patched.json()).error.fields).toHaveProperty("username");
      const signup = await request.post(`${SIGNUP_BASE_URL}/api/v1/signup`, {
        data: { email: uniqueEmail("xss"), firstName: "X", lastName: "Y", username: payload, password: "A-sturdy-password-7" },
        headers: { "x-forwarded-for": clientIp },
      });
      expect(signup.status(), payload).toBe(422);
    }
    expect((await db.user.findUniqueOrThrow({ where: { id: target.id } })).username).toBeNull();
  });
});

test.describe("reflected payloads render as text", () => {
  test("in search boxes, filters, notices and the login form", async ({ page, browser, loggedInAdmin: _admin }) => {
    const dialogs = watchDialogs(page);
    for (const payload of PAYLOADS) {
      const q = encodeURIComponent(payload);
      await page.goto(`/admin/staff?q=${q}`);
      await expect(page.getByLabel("Search staff")).toHaveValue(payload);
      await expect(page.getByRole("main").getByRole("status")).toContainText(`for “${payload}”`);
      await expectNoInjectedMarkup(page, `staff search ${payload}`);

      await page.goto(`/admin/audit?person=${q}`);
      await expect(page.getByLabel("Person")).toHaveValue(payload);
      await expectNoInjectedMarkup(page, `audit filter ${payload}`);

      for (const path of [`/admin/staff?notice=${q}`, `/account/tokens?notice=${q}`, `/?filter=${q}`, `/admin/staff?page=${q}`]) {
        await page.goto(path);
        await expectNoInjectedMarkup(page, path);
      }
    }

    // The login form without JavaScript echoes what was typed back into its field.
    const anonymous = await newContext(browser, { javaScriptEnabled: false });
    for (const payload of PAYLOADS) {
      await anonymous.page.goto(`/login?callbackUrl=${encodeURIComponent(payload)}`);
      await anonymous.page.getByLabel("Email").fill(payload);
      await anonymous.page.getByLabel("Password").fill("whatever-it-is-1");
      await anonymous.page.getByRole("button", { name: "Log in" }).click();
      await expect(anonymous.page.getByLabel("Email")).toHaveValue(payload);
      await expectNoInjectedMarkup(anonymous.page, `login echo ${payload}`);
    }
    await anonymous.context.close();
    expect(dialogs).toEqual([]);
  });
});

function cookieParts(cookie: string): { name: string; value: string } {
  const [name, ...value] = cookie.split("=");
  return { name: name!, value: value.join("=") };
}
