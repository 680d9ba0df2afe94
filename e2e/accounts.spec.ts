// Accounts that look after themselves (issue 12): forgot → mail → reset, invitations, temporary
// passwords, "Your sessions" and re-authentication, against the suite's real SMTP server
// (e2e/support/smtp-sink.ts). Mail is sent in the background: specs wait for it to arrive.
import type { Browser, Page } from "@playwright/test";
import { INVITATION_SUBJECT, RESET_SUBJECT } from "../lib/accounts/account-mails";
import { createApiToken } from "../lib/tokens/token-service";
import { expect, randomClientIp, test, uniqueEmail, type Person } from "./support/fixtures";
import { linkIn, mailbox, pathOf } from "./support/mailbox";
import { asCurrentUser } from "./support/security";

const RESET_ANSWER = "If an account exists for that email, we have sent a link to reset its password.";
const LINK_UNUSABLE = "This link has expired or has already been used.";
const CHOSEN = "Chosen-by-me-secret-58";

async function newContext(browser: Browser, options: { javaScriptEnabled?: boolean } = {}) {
  const context = await browser.newContext({ ...options, extraHTTPHeaders: { "x-forwarded-for": randomClientIp() } });
  return { context, page: await context.newPage() };
}

async function askForReset(page: Page, email: string) {
  await page.goto("/forgot-password");
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(page.getByRole("main").getByRole("status")).toHaveText(RESET_ANSWER);
}

async function choosePassword(page: Page, password: string) {
  await page.getByLabel("New password", { exact: true }).fill(password);
  await page.getByLabel("Confirm new password").fill(password);
  await page.getByRole("button", { name: "Set password" }).click();
}

async function logIn(page: Page, email: string, password: string) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
}

test.describe("forgot password", () => {
  test("forgot → mail → reset: the link works once, an older one is void, other sessions and tokens end; an unknown email gets the same answer and no mail", async ({
    page,
    browser,
    createPerson,
    login,
    db,
    request,
    expectAccessible,
  }) => {
    test.setTimeout(90_000);
    const person = await createPerson();
    const elsewhere = await newContext(browser);
    await login(elsewhere.page, person);
    const { token } = await createApiToken(db, asCurrentUser(person), "script");

    await test.step("the login page links to the form; the answer is the same sentence for anyone", async () => {
      await page.goto("/login");
      await page.getByRole("link", { name: "Forgot password?" }).click();
      await expect(page).toHaveURL("/forgot-password");
      await expectAccessible(page);
      const unknown = uniqueEmail("nobody");
      await askForReset(page, unknown);
      await askForReset(page, person.email.toUpperCase());
      await askForReset(page, person.email);
      await expectAccessible(page);

      // Both of the person's links came; nothing was queued for the unknown address.
      await mailbox.waitFor({ to: person.email, subject: RESET_SUBJECT }, { count: 2 });
      expect(await db.outboxMail.count({ where: { recipient: unknown } })).toBe(0);
      expect(mailbox.all({ to: unknown })).toEqual([]);
    });

    const [older, newer] = mailbox.all({ to: person.email, subject: RESET_SUBJECT }).map(linkIn);
    const mail = mailbox.all({ to: person.email, subject: RESET_SUBJECT })[1]!;
    await test.step("the mail has a plain-text and an HTML part, the link written out in full", async () => {
      expect(mail.text).toContain(newer);
      expect(mail.html).toContain(newer!.replace(/&/g, "&amp;"));
      expect(mail.from).toBe("staffroom@e2e.test");
    });

    await test.step("the older link no longer works once a newer one was sent", async () => {
      await page.goto(pathOf(older!));
      await expect(page.getByRole("main").getByRole("alert")).toHaveText(LINK_UNUSABLE);
      await expect(page.getByRole("link", { name: "Ask for a new link" })).toHaveAttribute("href", "/forgot-password");
      await expectAccessible(page);
    });

    await test.step("the newer link sets the password, ends every session and token, and goes to /login", async () => {
      await page.goto(pathOf(newer!));
      await expect(page.getByRole("heading", { name: "Reset your password" })).toBeVisible();
      await expectAccessible(page);
      await page.getByRole("button", { name: "Set password" }).click();
      await expect(page.locator("#field-newPassword-error")).toBeVisible();
      await choosePassword(page, CHOSEN);
      await expect(page).toHaveURL("/login?notice=password-reset");
      await expect(page.getByRole("status").filter({ hasText: "Your password has been reset" })).toBeVisible();
      await elsewhere.page.goto("/");
      await expect(elsewhere.page).toHaveURL(/\/login/);
      expect((await request.get("/api/v1/me", { headers: { authorization: `Bearer ${token}` } })).status()).toBe(401);
      expect(await db.auditEvent.count({ where: { action: "password.reset", targetId: person.id } })).toBe(1);
    });

    await test.step("the link works once", async () => {
      await page.goto(pathOf(newer!));
      await expect(page.getByRole("main").getByRole("alert")).toHaveText(LINK_UNUSABLE);
    });

    await test.step("the new password logs in, the old one does not", async () => {
      await logIn(page, person.email, person.password);
      await expect(page.getByRole("main").getByRole("alert")).toHaveText("Invalid email or password.");
      await logIn(page, person.email, CHOSEN);
      await expect(page).toHaveURL("/");
    });
    await elsewhere.context.close();
  });

  test("without JavaScript: ask for a link and set the password", async ({ browser, createPerson }) => {
    const person = await createPerson();
    const { context, page } = await newContext(browser, { javaScriptEnabled: false });
    await askForReset(page, person.email);
    const link = linkIn(await mailbox.waitFor({ to: person.email, subject: RESET_SUBJECT }));
    await page.goto(pathOf(link));
    await choosePassword(page, "short");
    await expect(page.locator("#field-newPassword-error")).toHaveText("Use at least 8 characters.");
    await choosePassword(page, CHOSEN);
    await expect(page).toHaveURL("/login?notice=password-reset");
    await logIn(page, person.email, CHOSEN);
    await expect(page).toHaveURL("/");
    await context.close();
  });

  test("an inactive account gets the same answer and no mail", async ({ page, createPerson, db }) => {
    const person = await createPerson({ active: false });
    await askForReset(page, person.email);
    // The request is answered before anything is looked up; a later one from an active
    // person arriving shows the sender has had its turn.
    const other = await createPerson();
    await askForReset(page, other.email);
    await mailbox.waitFor({ to: other.email, subject: RESET_SUBJECT });
    expect(await db.outboxMail.count({ where: { recipient: person.email } })).toBe(0);
  });
});

test.describe("invitations", () => {
  test("an admin creates someone without a password: they are Invited, get a mail, choose their password; invitation again voids the old link; a reset can be sent", async ({
    page,
    browser,
    createPerson,
    login,
    expectAccessible,
  }) => {
    test.setTimeout(90_000);
    const admin = await createPerson({ roles: ["admin", "staff"] });
    await login(page, admin);
    const email = uniqueEmail("invited");

    await page.goto("/admin/staff/new");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("First name").fill("Ivy");
    await page.getByLabel("Last name").fill("Invited");
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page).toHaveURL("/admin/staff?notice=staff-invited");
    await page.getByLabel("Search staff").fill(email);
    await page.getByRole("button", { name: "Search" }).click();
    await expect(page.getByRole("row", { name: /Ivy Invited/ }).getByRole("cell").filter({ hasText: /^Invited$/ })).toHaveCount(1);

    const first = linkIn(await mailbox.waitFor({ to: email, subject: INVITATION_SUBJECT }));
    await page.getByRole("link", { name: "Edit Ivy Invited" }).click();
    await expect(page.getByRole("button", { name: "Send invitation again" })).toBeVisible();
    await expectAccessible(page);
    await page.getByRole("button", { name: "Send invitation again" }).click();
    await expect(page.getByRole("main").locator(".notice")).toHaveText("A new invitation has been sent. Earlier invitation links no longer work.");
    const second = linkIn(await mailbox.waitFor({ to: email, subject: INVITATION_SUBJECT }, { count: 2 }));

    const invitee = await newContext(browser);
    await invitee.page.goto(pathOf(first));
    await expect(invitee.page.getByRole("main").getByRole("alert")).toHaveText(LINK_UNUSABLE);
    await invitee.page.goto(pathOf(second));
    await expect(invitee.page.getByRole("heading", { name: "Choose your password" })).toBeVisible();
    await expectAccessible(invitee.page);
    await choosePassword(invitee.page, CHOSEN);
    await expect(invitee.page).toHaveURL("/login?notice=password-chosen");
    await logIn(invitee.page, email, CHOSEN);
    await expect(invitee.page).toHaveURL("/");

    await page.reload();
    await expect(page.getByRole("button", { name: "Send invitation again" })).toHaveCount(0);
    await page.getByRole("button", { name: "Send password reset" }).click();
    await expect(page.getByRole("main").locator(".notice")).toHaveText("A password reset link has been sent to them.");
    await mailbox.waitFor({ to: email, subject: RESET_SUBJECT });
    await invitee.context.close();
  });

  test("the API creates someone without a password: invited: true, and the invitation arrives", async ({ request, createPerson, db }) => {
    const admin = await createPerson({ roles: ["admin", "staff"] });
    const { token } = await createApiToken(db, asCurrentUser(admin), "admin script");
    const email = uniqueEmail("api-invited");
    const response = await request.post("/api/v1/staff", {
      headers: { authorization: `Bearer ${token}` },
      data: { email, firstName: "Api", lastName: "Invitee", roles: ["staff"] },
    });
    expect(response.status()).toBe(201);
    const body = await response.json();
    expect(body.user).toMatchObject({ email, invited: true });
    // A mail server is configured: the link goes by mail only.
    expect(body).not.toHaveProperty("invitationLink");
    const link = linkIn(await mailbox.waitFor({ to: email, subject: INVITATION_SUBJECT }));
    expect(link).toContain("/reset-password?token=");
  });
});

test.describe("temporary passwords", () => {
  test("a password an admin set must be changed first: pages send to /account/password, API writes refuse, /me says why", async ({ page, request, createPerson, db }) => {
    const admin = await createPerson({ roles: ["admin", "staff"] });
    const { token } = await createApiToken(db, asCurrentUser(admin), "admin script");
    const email = uniqueEmail("temporary");
    const temporary = "Given-by-admin-secret-21";
    const created = await request.post("/api/v1/staff", {
      headers: { authorization: `Bearer ${token}` },
      data: { email, firstName: "Tem", lastName: "Porary", roles: ["staff"], password: temporary },
    });
    expect(created.status()).toBe(201);
    const basic = { authorization: `Basic ${Buffer.from(`${email}:${temporary}`).toString("base64")}` };

    const me = await request.get("/api/v1/me", { headers: basic });
    expect(me.status()).toBe(200);
    expect(await me.json()).toMatchObject({ user: { email }, passwordChangeRequired: true });
    const write = await request.post("/api/v1/todos", { headers: basic, data: { title: "Not yet" } });
    expect(write.status()).toBe(403);
    expect((await write.json()).error.code).toBe("password_change_required");
    expect((await request.post("/api/v1/tokens", { data: { email, password: temporary } })).status()).toBe(403);

    await logIn(page, email, temporary);
    await expect(page).toHaveURL("/account/password");
    await expect(page.getByRole("main")).toContainText("Choose a new password to continue.");
    for (const path of ["/", "/account/tokens", "/account/sessions"]) {
      await page.goto(path);
      await expect(page, path).toHaveURL("/account/password");
    }
    await page.getByLabel("Current password").fill(temporary);
    await page.getByLabel("New password", { exact: true }).fill(CHOSEN);
    await page.getByLabel("Confirm new password").fill(CHOSEN);
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Your password has been changed." })).toBeVisible();
    await page.goto("/");
    await expect(page).toHaveURL("/");

    const own = { authorization: `Basic ${Buffer.from(`${email}:${CHOSEN}`).toString("base64")}` };
    expect((await request.post("/api/v1/todos", { headers: own, data: { title: "Now" } })).status()).toBe(201);
    expect(await (await request.get("/api/v1/me", { headers: own })).json()).toMatchObject({ passwordChangeRequired: false });
  });
});

test.describe("your sessions", () => {
  test("lists every session with browser, system and IP; logs out one, then all the others", async ({ page, browser, createPerson, login, expectAccessible }) => {
    const person: Person = await createPerson();
    const phone = await newContext(browser);
    const laptop = await newContext(browser);
    await login(phone.page, person);
    await login(laptop.page, person);
    await login(page, person);

    await page.getByRole("banner").getByRole("link", { name: "Your sessions" }).click();
    await expect(page).toHaveURL("/account/sessions");
    await expect(page.getByRole("heading", { name: "Your sessions" })).toBeVisible();
    const rows = page.getByRole("table").getByRole("row");
    await expect(rows).toHaveCount(4);
    await expect(rows.nth(1)).toContainText("This device");
    await expect(rows.nth(1).getByRole("rowheader")).toHaveText(/^Chrome \d+ on Linux/);
    await expect(rows.nth(1)).toContainText(/\d+\.\d+\.\d+\.\d+/);
    await expectAccessible(page);

    await rows.nth(2).getByRole("button", { name: /^Log out/ }).click();
    await expect(page.getByRole("main").locator(".notice")).toHaveText("That session has been logged out.");
    await expect(rows).toHaveCount(3);
    const stillIn = async (side: Page) => {
      await side.goto("/");
      return !/\/login/.test(side.url());
    };
    expect([await stillIn(phone.page), await stillIn(laptop.page)].filter(Boolean)).toHaveLength(1);

    await page.getByRole("button", { name: "Log out other sessions" }).click();
    await expect(page.getByRole("main").locator(".notice")).toHaveText("Every other session has been logged out.");
    await expect(rows).toHaveCount(2);
    expect([await stillIn(phone.page), await stillIn(laptop.page)]).toEqual([false, false]);
    await expect(page.getByText("You are not logged in anywhere else.")).toBeVisible();
    await phone.context.close();
    await laptop.context.close();
  });
});

test.describe("re-authentication", () => {
  test("a sign-in older than REAUTH_MINUTES sends sensitive pages to Confirm it's you, and back", async ({ page, createPerson, login, db, expectAccessible }) => {
    const person = await createPerson();
    await login(page, person);
    await db.session.updateMany({ where: { userId: person.id }, data: { confirmedAt: new Date(Date.now() - 11 * 60_000) } });

    await page.goto("/account/tokens");
    await expect(page).toHaveURL("/account/confirm?next=%2Faccount%2Ftokens");
    await expect(page.getByRole("heading", { name: "Confirm it's you" })).toBeVisible();
    await expectAccessible(page);
    await page.getByLabel("Password").fill("Not-my-password-1");
    await page.getByRole("button", { name: "Confirm" }).click();
    await expect(page.locator("#field-password-error")).toHaveText("That is not your password.");
    await page.getByLabel("Password").fill(person.password);
    await page.getByRole("button", { name: "Confirm" }).click();
    await expect(page).toHaveURL("/account/tokens");
    await expect(page.getByRole("heading", { name: "API tokens" })).toBeVisible();

    for (const path of ["/account/sessions", "/account/password"]) {
      await db.session.updateMany({ where: { userId: person.id }, data: { confirmedAt: new Date(Date.now() - 11 * 60_000) } });
      await page.goto(path);
      await expect(page).toHaveURL(`/account/confirm?next=${encodeURIComponent(path)}`);
      await page.getByLabel("Password").fill(person.password);
      await page.getByRole("button", { name: "Confirm" }).click();
      await expect(page).toHaveURL(path);
    }
  });

  test("without JavaScript, confirming works the same", async ({ browser, createPerson, db }) => {
    const person = await createPerson();
    const { context, page } = await newContext(browser, { javaScriptEnabled: false });
    await logIn(page, person.email, person.password);
    await db.session.updateMany({ where: { userId: person.id }, data: { confirmedAt: new Date(0) } });
    await page.goto("/account/sessions");
    await expect(page).toHaveURL("/account/confirm?next=%2Faccount%2Fsessions");
    await page.getByLabel("Password").fill(person.password);
    await page.getByRole("button", { name: "Confirm" }).click();
    await expect(page).toHaveURL("/account/sessions");
    await context.close();
  });
});
