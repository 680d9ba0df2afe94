// Attacks on passkeys, one test each, posted as a browser without JavaScript posts the forms
// (the ceremony's answers made by a software authenticator, lib/testing/):
// - a replayed challenge: a sign-in's challenge cookie and answer, sent again, make no
//   second session (the challenge is used up when it is first answered; the authenticator
//   here keeps its signature counter at 0, as many passkeys do, so the counter check cannot
//   be what stops it);
// - someone else's passkey id in Rename or Remove: 404, nothing changes (the data layer
//   looks passkeys up by id *and* owner).
import type { Page } from "@playwright/test";
import { PASSKEY_EXPIRED } from "../../lib/auth/messages";
import { holdChallenge, issueChallenge, registerPasskey } from "../support/passkeys";
import { expect, formEntries, loginCookie, newContext, test, toFormData } from "../support/security";

/** The form with `button` on `path`, as the page has it, with some fields changed. */
async function formOn(page: Page, path: string, button: string, overrides: Record<string, string>) {
  await page.goto(path);
  const form = page.locator("form").filter({ has: page.getByRole("button", { name: button, exact: true }) });
  return { fields: toFormData(await formEntries(form), overrides), origin: new URL(page.url()).origin };
}

async function postForm(page: Page, path: string, button: string, overrides: Record<string, string>) {
  const { fields, origin } = await formOn(page, path, button, overrides);
  return page.context().request.post(path, { multipart: fields, headers: { origin }, maxRedirects: 0 });
}

test("a replayed passkey challenge and answer sign nobody in a second time", async ({ browser, db, createPerson }) => {
  const person = await createPerson();
  const { authenticator } = await registerPasskey(db, person);
  const { options, token } = await issueChallenge(db, "passkey-login");
  const answer = JSON.stringify(authenticator.authenticate(options, { keepCounter: true }));

  const first = await newContext(browser, { javaScriptEnabled: false });
  await holdChallenge(first.page, "passkey-login", token);
  const signedIn = await postForm(first.page, "/login", "Sign in with a passkey", { intent: "finish", answer });
  expect(signedIn.status()).toBe(303);
  expect(await db.session.count({ where: { userId: person.id } })).toBe(1);

  // An attacker who captured both (the cookie's token and the answer) sends them again.
  const replay = await newContext(browser, { javaScriptEnabled: false });
  await holdChallenge(replay.page, "passkey-login", token);
  const replayed = await postForm(replay.page, "/login", "Sign in with a passkey", { intent: "finish", answer });
  expect(replayed.status()).toBe(200);
  expect(await replayed.text()).toContain(PASSKEY_EXPIRED);
  expect(await db.session.count({ where: { userId: person.id } })).toBe(1);
  await first.context.close();
  await replay.context.close();
});

test("someone else's passkey id in Rename or Remove answers 404 and changes nothing", async ({ browser, db, createPerson, login, playwright }) => {
  const owner = await createPerson();
  const stranger = await createPerson();
  const ownerSide = await newContext(browser, { javaScriptEnabled: false });
  await login(ownerSide.page, owner);
  const { id } = await registerPasskey(db, owner);
  const strangerCookie = await loginCookie(stranger);

  // The owner's own forms (with their passkey's id), posted with the stranger's session.
  const stranger404 = async (button: string, overrides: Record<string, string>) => {
    const { fields, origin } = await formOn(ownerSide.page, "/account/security", button, overrides);
    const request = await playwright.request.newContext({ baseURL: origin });
    const response = await request.post("/account/security", { multipart: fields, headers: { origin, cookie: strangerCookie }, maxRedirects: 0 });
    const status = response.status();
    await request.dispose();
    return status;
  };
  expect(await stranger404("Rename", { name: "Stolen" })).toBe(404);
  expect(await stranger404("Remove", {})).toBe(404);
  const passkey = await db.passkey.findUniqueOrThrow({ where: { id } });
  expect(passkey.userId).toBe(owner.id);
  expect(passkey.name).not.toBe("Stolen");
  await ownerSide.context.close();
});
