// Passkeys (PRODUCT.md, "Two-factor authentication and passkeys"), through Chromium's
// virtual authenticator (CDP WebAuthn): add one on /account/security, sign in with it alone,
// rename, remove (then it is refused), confirm it's you with it, and a passkey as the
// second step of a password login.
//
// WebAuthn needs a secure context and a domain as RP ID: http://127.0.0.1 (the suite's
// usual base URL) is neither an RP ID nor accepted, http://localhost is both. The suite's
// server has no AUTH_URL and listens on 127.0.0.1, so its relying party is localhost:<port>
// (lib/auth/passkeys/relying-party.ts): these tests talk to the same server as localhost.
import type { Page } from "@playwright/test";
import { PASSKEY_NOT_ACCEPTED } from "../lib/auth/messages";
import { E2E_PORT } from "./support/env";
import { expect, test } from "./support/fixtures";
import { logout } from "./support/two-factor";

const LOCALHOST = `http://localhost:${E2E_PORT}`;
test.use({ baseURL: LOCALHOST });

/** A platform authenticator with user verification (a fingerprint that always matches), for this page. */
async function addVirtualAuthenticator(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: { protocol: "ctap2", transport: "internal", hasResidentKey: true, hasUserVerification: true, isUserVerified: true },
  });
  return {
    credentials: async () => (await cdp.send("WebAuthn.getCredentials", { authenticatorId })).credentials,
  };
}

async function addPasskey(page: Page) {
  await page.goto("/account/security");
  await page.getByRole("button", { name: "Add a passkey" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Passkey added." })).toBeVisible();
}

const passkeyList = (page: Page) => page.getByRole("list", { name: "Your passkeys" }).getByRole("listitem");

/** Playwright's text locators skip <noscript>; with scripting off, its content is shown like any other. */
async function expectNoScriptNote(page: Page) {
  const note = page.locator("noscript p");
  await expect(note).toBeVisible();
  await expect(note).toHaveText("Passkeys need JavaScript, which is turned off in this browser.");
}

async function signInWithPasskey(page: Page) {
  await page.goto("/login");
  await page.getByRole("button", { name: "Sign in with a passkey" }).click();
}

test("add a passkey, sign in with it alone, rename it, remove it, and then it is refused", async ({ page, createPerson, login, db, expectAccessible }) => {
  test.slow();
  const authenticator = await addVirtualAuthenticator(page);
  const person = await createPerson();
  await login(page, person);
  await page.goto("/account/security");
  await expect(page.getByRole("heading", { name: "Passkeys" })).toBeVisible();
  await expect(page.getByText("You have no passkeys.")).toBeVisible();
  await expectAccessible(page);

  await addPasskey(page);
  // Named after the browser and system it was made on.
  await expect(passkeyList(page)).toHaveCount(1);
  await expect(passkeyList(page).getByRole("heading")).toHaveText(/^\S.* on Linux/);
  await expect(passkeyList(page)).toContainText("Last used never.");
  const stored = await authenticator.credentials();
  expect(stored).toHaveLength(1);
  expect(stored[0]!.isResidentCredential).toBe(true);
  await expectAccessible(page);

  // A second one on the same authenticator is refused by the browser (excludeCredentials): one per device.
  await logout(page);
  const loginsBefore = (await db.user.findUniqueOrThrow({ where: { id: person.id } })).loginCount;
  await signInWithPasskey(page);
  await expect(page).toHaveURL("/");
  await expect(page.getByRole("button", { name: "Log out" })).toBeVisible();
  // It counts as a login, like a password one.
  expect((await db.user.findUniqueOrThrow({ where: { id: person.id } })).loginCount).toBe(loginsBefore + 1);
  await page.goto("/account/security");
  await expect(passkeyList(page)).toContainText("Last used ");
  await expect(passkeyList(page)).not.toContainText("Last used never.");

  const name = await passkeyList(page).getByRole("heading").textContent();
  await page.getByLabel(`Name of ${name}`).fill("Work laptop");
  await page.getByRole("button", { name: "Rename" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Passkey renamed." })).toBeVisible();
  await expect(passkeyList(page).getByRole("heading")).toHaveText("Work laptop");

  await page.getByRole("button", { name: "Remove" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Passkey removed." })).toBeVisible();
  await expect(page.getByText("You have no passkeys.")).toBeVisible();

  // The authenticator still offers it; the server no longer knows it.
  await logout(page);
  await signInWithPasskey(page);
  await expect(page.locator("#passkey-sign-in-message")).toHaveText(PASSKEY_NOT_ACCEPTED);
  await expect(page).toHaveURL(/\/login/);
  await expectAccessible(page);
});

test("confirm it's you with a passkey", async ({ page, createPerson, login, db, expectAccessible }) => {
  await addVirtualAuthenticator(page);
  const person = await createPerson();
  await login(page, person);
  await addPasskey(page);
  // The sign-in was long ago: the security page asks for a confirmation first.
  await db.session.updateMany({ where: { userId: person.id }, data: { confirmedAt: new Date(0) } });
  await page.goto("/account/security");
  await expect(page).toHaveURL(/\/account\/confirm/);
  // With a passkey (two-factor), the password alone is not offered.
  await expect(page.getByLabel("Password")).toHaveCount(0);
  await expectAccessible(page);
  await page.getByRole("button", { name: "Confirm with a passkey" }).click();
  await expect(page).toHaveURL("/account/security");
  await expect(page.getByRole("heading", { name: "Passkeys" })).toBeVisible();
});

test("a password login of someone whose two-factor is a passkey: the passkey is the second step", async ({ page, createPerson, login, expectAccessible }) => {
  await addVirtualAuthenticator(page);
  const person = await createPerson();
  await login(page, person);
  await addPasskey(page);
  await logout(page);

  await page.getByLabel("Email").fill(person.email);
  await page.getByLabel("Password").fill(person.password);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL("/login/two-factor");
  // No authenticator app, so no code to type: the passkey.
  await expect(page.getByLabel("Code", { exact: true })).toHaveCount(0);
  await expectAccessible(page);
  await page.getByRole("button", { name: "Sign in with a passkey" }).click();
  await expect(page).toHaveURL("/");
});

test("without JavaScript the passkey buttons say they need it, and the password login still works", async ({ browser, createPerson }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, baseURL: LOCALHOST });
  const page = await context.newPage();
  const person = await createPerson();
  await page.goto("/login");
  await expect(page.getByRole("button", { name: "Sign in with a passkey" })).toBeDisabled();
  await expectNoScriptNote(page);
  await page.getByLabel("Email").fill(person.email);
  await page.getByLabel("Password").fill(person.password);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL("/");
  await page.goto("/account/security");
  await expect(page.getByRole("button", { name: "Add a passkey" })).toBeDisabled();
  await expectNoScriptNote(page);
  await context.close();
});
