// Every server action, posted as a browser without JavaScript posts it (the real form's
// fields, Next.js' hidden $ACTION_ fields included): from another site (a cross-origin form
// post, i.e. CSRF), by the wrong person (a non-admin replaying an admin's form, a stranger
// naming another person's todo or token, a cookie that is no session), and finally by the
// right person from this site, which must work, so that "nothing changed" means refused.
import type { Locator, Page } from "@playwright/test";
import { generate, generateSync } from "otplib";
import { PASSWORD_SCOPE, recordFailure } from "../../lib/auth/throttle";
import { openTotpSecret } from "../../lib/auth/two-factor/totp";
import { enableTwoFactor, startTwoFactorSetup } from "../../lib/auth/two-factor/two-factor-service";
import { createDb, type Db } from "../../lib/db/client";
import { issueLinkToken } from "../../lib/accounts/account-links";
import { startSession } from "../../lib/auth/sessions";
import { SYSTEM } from "../../lib/identity/caller";
import { createStaff } from "../../lib/staff/staff-service";
import { createApiToken } from "../../lib/tokens/token-service";
import { createTodo } from "../../lib/todos/todo-service";
import { SIGNUP_BASE_URL, SIGNUP_DATABASE_URL } from "../support/env";
import { holdChallenge, issueChallenge, registerPasskey, SERVER_RP } from "../support/passkeys";
import { SoftwareAuthenticator } from "../../lib/testing/software-authenticator";
import { uniqueEmail, type Person } from "../support/fixtures";
import { ACTIONS, serverActionsOnDisk, type Access } from "../support/routes";
import { asCurrentUser, EVIL_ORIGIN, expect, formEntries, loginCookie, newContext, SESSION_COOKIE, test, toFormData, unique } from "../support/security";

const NEW_PASSWORD = "Brand-new-secret-77";

type State = { answer?: string; target?: Person; todoId?: number; tokenId?: number; groupId?: number; text?: string; hash?: string; since?: Date; secret?: string; page?: Page; invitee?: { id: string; email: string } };

type Helpers = {
  db: Db;
  actor: Person;
  createPerson: (options?: { roles?: string[] }) => Promise<Person>;
  createGroup: (label?: string) => Promise<{ id: number; name: string }>;
  groupName: (label?: string) => string;
};

type ActionCase = {
  /** The key in ACTIONS: "file#export". */
  action: string;
  /** The sign-up server (ALLOW_SIGNUP=true) instead of the main one. */
  signup?: boolean;
  prepare?: (helpers: Helpers) => Promise<State>;
  /** Steps in the actor's own browser before the form is read (a pending login step, codes on screen). */
  inBrowser?: (page: Page, state: State, actor: Person) => Promise<void>;
  page: (state: State) => string;
  form: (page: Page, state: State) => Locator;
  fields?: (state: State, actor: Person) => Record<string, string | string[]>;
  /** Whether the action's effect is there. */
  happened: (db: Db, state: State, actor: Person) => Promise<boolean>;
  /** For actions on ids: who else posts (a stranger to the thing; for admin actions, a non-admin). */
  wrongPerson?: "stranger";
};

const byButton = (name: string) => (page: Page) => page.locator("form").filter({ has: page.getByRole("button", { name, exact: true }) });
const sessionsOf = (db: Db, userId: string) => db.session.count({ where: { userId } });

/** The secret of the authenticator app set up (not yet turned on) for someone. */
async function setUpAuthenticator(db: Db, person: Person): Promise<string> {
  await startTwoFactorSetup(db, asCurrentUser(person));
  return openTotpSecret((await db.twoFactor.findUniqueOrThrow({ where: { userId: person.id } })).secret, person.id);
}

/** Two-factor on, with the previous time step's code, so that the current step's code is free. */
async function turnOnTwoFactor(db: Db, person: Person): Promise<{ secret: string; recoveryCodes: string[] }> {
  const secret = await setUpAuthenticator(db, person);
  const enabled = await enableTwoFactor(db, asCurrentUser(person), await generate({ secret, epoch: Math.floor(Date.now() / 1000) - 30 }), "10.252.0.1");
  if (!enabled.ok) throw new Error("two-factor did not turn on");
  return { secret, recoveryCodes: enabled.recoveryCodes };
}

const currentCode = (secret: string) => generate({ secret, epoch: Math.floor(Date.now() / 1000) });
const hasTwoFactorRow = async (db: Db, userId: string) => (await db.twoFactor.count({ where: { userId } })) > 0;

const CASES: ActionCase[] = [
  {
    action: "app/login/actions.ts#login",
    page: () => "/login",
    form: byButton("Log in"),
    fields: (_state, actor) => ({ email: actor.email, password: actor.password }),
    happened: async (db, _state, actor) => (await sessionsOf(db, actor.id)) > 0,
  },
  {
    action: "app/login/two-factor/actions.ts#verifyCode",
    prepare: async ({ db, actor }) => ({ secret: (await turnOnTwoFactor(db, actor)).secret }),
    inBrowser: async (page, _state, actor) => {
      await page.goto("/login");
      await page.getByLabel("Email").fill(actor.email);
      await page.getByLabel("Password").fill(actor.password);
      await page.getByRole("button", { name: "Log in" }).click();
      await expect(page).toHaveURL("/login/two-factor");
    },
    page: () => "/login/two-factor",
    form: byButton("Verify"),
    fields: ({ secret }) => ({ code: generateSync({ secret: secret! }) }),
    happened: async (db, _state, actor) => (await sessionsOf(db, actor.id)) > 0,
  },
  {
    action: "app/signup/actions.ts#signup",
    signup: true,
    prepare: async () => ({ text: uniqueEmail("csrf-signup") }),
    page: () => "/signup",
    form: byButton("Sign up"),
    fields: ({ text }) => ({ email: text!, firstName: "Cross", lastName: "Site", username: `csrf${unique()}`, password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }),
    happened: async (_db, { text }) => withSignupDb(async (db) => (await db.user.count({ where: { email: text! } })) > 0),
  },
  {
    action: "app/actions/logout.ts#logout",
    page: () => "/account/password",
    form: byButton("Log out"),
    happened: async (db, _state, actor) => (await sessionsOf(db, actor.id)) === 0,
  },
  {
    action: "app/actions/todos.ts#addTodo",
    prepare: async () => ({ text: `Added ${unique()}` }),
    page: () => "/",
    form: (page) => page.locator("form:has(input[name=title])"),
    fields: ({ text }) => ({ title: text! }),
    happened: async (db, { text }) => (await db.todo.count({ where: { title: text! } })) > 0,
  },
  {
    action: "app/actions/todos.ts#changeTodos",
    wrongPerson: "stranger",
    prepare: async ({ db, actor }) => ({ todoId: (await createTodo(db, asCurrentUser(actor), { title: "Keep me" })).id }),
    page: () => "/",
    form: (page) => page.locator("#todo-list-form"),
    fields: ({ todoId }) => ({ intent: `delete:${todoId}` }),
    happened: async (db, { todoId }) => (await db.todo.count({ where: { id: todoId! } })) === 0,
  },
  {
    action: "app/account/password/actions.ts#changePassword",
    prepare: async ({ db, actor }) => ({ hash: (await db.password.findUniqueOrThrow({ where: { userId: actor.id } })).hash }),
    page: () => "/account/password",
    form: (page) => page.getByRole("main").locator("form"),
    fields: (_state, actor) => ({ currentPassword: actor.password, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }),
    // Recorded after the actor's login, which re-hashed at the server's cost.
    happened: async (db, { hash }, actor) => (await db.password.findUniqueOrThrow({ where: { userId: actor.id } })).hash !== hash,
  },
  {
    action: "app/account/confirm/actions.ts#confirmIdentity",
    // The sign-in was long ago: only a confirmation makes confirmedAt recent again.
    prepare: async ({ db, actor }) => {
      await db.session.updateMany({ where: { userId: actor.id }, data: { confirmedAt: new Date(0) } });
      return { since: new Date(Date.now() - 1000) };
    },
    page: () => "/account/confirm",
    form: byButton("Confirm"),
    fields: (_state, actor) => ({ password: actor.password }),
    happened: async (db, { since }, actor) => (await db.session.count({ where: { userId: actor.id, confirmedAt: { gt: since! } } })) > 0,
  },
  {
    action: "app/account/confirm/actions.ts#confirmIdentityWithCode",
    // Someone with two-factor confirms with a code (their password alone is refused there).
    prepare: async ({ db, actor }) => {
      const { secret } = await turnOnTwoFactor(db, actor);
      await db.session.updateMany({ where: { userId: actor.id }, data: { confirmedAt: new Date(0) } });
      return { secret, since: new Date(Date.now() - 1000) };
    },
    page: () => "/account/confirm",
    form: byButton("Confirm"),
    fields: ({ secret }) => ({ code: generateSync({ secret: secret! }) }),
    happened: async (db, { since }, actor) => (await db.session.count({ where: { userId: actor.id, confirmedAt: { gt: since! } } })) > 0,
  },
  {
    // The finish step, with a challenge issued to the actor's browser and a real answer to it.
    action: "app/login/passkey-actions.ts#passkeySignInAction",
    prepare: async ({ db, actor }) => {
      const { authenticator } = await registerPasskey(db, actor);
      const { options, token } = await issueChallenge(db, "passkey-login");
      return { text: token, answer: JSON.stringify(authenticator.authenticate(options)) };
    },
    inBrowser: (page, { text }) => holdChallenge(page, "passkey-login", text!),
    page: () => "/login",
    form: byButton("Sign in with a passkey"),
    fields: ({ answer }) => ({ intent: "finish", answer: answer! }),
    happened: async (db, _state, actor) => (await sessionsOf(db, actor.id)) > 0,
  },
  {
    action: "app/account/confirm/actions.ts#confirmIdentityWithPasskey",
    prepare: async ({ db, actor }) => {
      const { authenticator } = await registerPasskey(db, actor);
      await db.session.updateMany({ where: { userId: actor.id }, data: { confirmedAt: new Date(0) } });
      const { options, token } = await issueChallenge(db, "passkey-confirm", actor);
      return { text: token, answer: JSON.stringify(authenticator.authenticate(options)), since: new Date(Date.now() - 1000) };
    },
    inBrowser: (page, { text }) => holdChallenge(page, "passkey-confirm", text!),
    page: () => "/account/confirm",
    form: byButton("Confirm with a passkey"),
    fields: ({ answer }) => ({ intent: "finish", answer: answer! }),
    happened: async (db, { since }, actor) => (await db.session.count({ where: { userId: actor.id, confirmedAt: { gt: since! } } })) > 0,
  },
  {
    action: "app/account/security/passkey-actions.ts#addPasskeyAction",
    prepare: async ({ db, actor }) => {
      const { options, token } = await issueChallenge(db, "passkey-register", actor);
      return { text: token, answer: JSON.stringify(new SoftwareAuthenticator(SERVER_RP).register(options as { challenge: string; user: { id: string } })) };
    },
    inBrowser: (page, { text }) => holdChallenge(page, "passkey-register", text!),
    page: () => "/account/security",
    form: byButton("Add a passkey"),
    fields: ({ answer }) => ({ intent: "finish", answer: answer! }),
    happened: async (db, _state, actor) => (await db.passkey.count({ where: { userId: actor.id } })) > 0,
  },
  {
    action: "app/account/security/passkey-actions.ts#renamePasskeyAction",
    wrongPerson: "stranger",
    prepare: async ({ db, actor }) => ({ text: (await registerPasskey(db, actor)).id }),
    page: () => "/account/security",
    form: byButton("Rename"),
    fields: () => ({ name: "Renamed by its owner" }),
    happened: async (db, { text }) => (await db.passkey.findUnique({ where: { id: text! } }))?.name === "Renamed by its owner",
  },
  {
    action: "app/account/security/passkey-actions.ts#removePasskeyAction",
    wrongPerson: "stranger",
    prepare: async ({ db, actor }) => ({ text: (await registerPasskey(db, actor)).id }),
    page: () => "/account/security",
    form: byButton("Remove"),
    happened: async (db, { text }) => (await db.passkey.count({ where: { id: text! } })) === 0,
  },
  {
    action: "app/account/sessions/actions.ts#endSessionAction",
    wrongPerson: "stranger",
    prepare: async ({ db, actor }) => ({ text: (await startSession(db, actor.id, false)).sessionToken }),
    page: () => "/account/sessions",
    form: (page) => page.locator("form:has(input[name=id])"),
    happened: async (db, { text }) => (await db.session.count({ where: { sessionToken: text! } })) === 0,
  },
  {
    action: "app/account/sessions/actions.ts#endOtherSessionsAction",
    prepare: async ({ db, actor }) => ({ text: (await startSession(db, actor.id, false)).sessionToken }),
    page: () => "/account/sessions",
    form: byButton("Log out other sessions"),
    happened: async (db, { text }) => (await db.session.count({ where: { sessionToken: text! } })) === 0,
  },
  {
    action: "app/forgot-password/actions.ts#requestPasswordReset",
    page: () => "/forgot-password",
    form: byButton("Send reset link"),
    fields: (_state, actor) => ({ email: actor.email }),
    happened: async (db, _state, actor) => (await db.outboxMail.count({ where: { recipient: actor.email, kind: "reset" } })) > 0,
  },
  {
    action: "app/reset-password/actions.ts#setPasswordWithLink",
    prepare: async ({ db, actor }) => ({ text: await issueLinkToken(db, actor.id, "reset") }),
    page: ({ text }) => `/reset-password?token=${text}`,
    form: byButton("Set password"),
    fields: () => ({ newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }),
    happened: async (db, _state, actor) => (await db.auditEvent.count({ where: { action: "password.reset", targetId: actor.id } })) > 0,
  },
  {
    action: "app/admin/staff/actions.ts#sendInvitationAction",
    prepare: async ({ db }) => {
      const invitee = await createStaff(db, SYSTEM, { email: uniqueEmail("csrf-invitee"), firstName: "In", lastName: "Vitee", username: null, subjectGroupId: null, roles: ["staff"], active: true, password: null });
      return { invitee };
    },
    page: ({ invitee }) => `/admin/staff/${invitee!.id}/edit`,
    form: byButton("Send invitation again"),
    // The first invitation came with the account.
    happened: async (db, { invitee }) => (await db.outboxMail.count({ where: { recipient: invitee!.email, kind: "invitation" } })) > 1,
  },
  {
    action: "app/admin/staff/actions.ts#sendPasswordResetAction",
    prepare: async ({ createPerson }) => ({ target: await createPerson() }),
    page: ({ target }) => `/admin/staff/${target!.id}/edit`,
    form: byButton("Send password reset"),
    happened: async (db, { target }) => (await db.outboxMail.count({ where: { recipient: target!.email, kind: "reset" } })) > 0,
  },
  {
    action: "app/account/tokens/actions.ts#createToken",
    prepare: async () => ({ text: `Token ${unique()}` }),
    page: () => "/account/tokens",
    form: byButton("Create token"),
    fields: ({ text }) => ({ name: text! }),
    happened: async (db, { text }) => (await db.apiToken.count({ where: { name: text! } })) > 0,
  },
  {
    action: "app/account/tokens/actions.ts#revokeToken",
    wrongPerson: "stranger",
    prepare: async ({ db, actor }) => ({ tokenId: (await createApiToken(db, actor, "Keep me")).apiToken.id }),
    page: () => "/account/tokens",
    form: (page) => page.locator("form:has(input[name=id])"),
    happened: async (db, { tokenId }) => (await db.apiToken.count({ where: { id: tokenId! } })) === 0,
  },
  {
    action: "app/account/security/actions.ts#startSetupAction",
    page: () => "/account/security",
    form: byButton("Set up two-factor authentication"),
    happened: (db, _state, actor) => hasTwoFactorRow(db, actor.id),
  },
  {
    action: "app/account/security/actions.ts#cancelSetupAction",
    prepare: async ({ db, actor }) => ({ secret: await setUpAuthenticator(db, actor) }),
    page: () => "/account/security",
    form: byButton("Cancel set-up"),
    happened: async (db, _state, actor) => !(await hasTwoFactorRow(db, actor.id)),
  },
  {
    action: "app/account/security/actions.ts#turnOnAction",
    prepare: async ({ db, actor }) => ({ secret: await setUpAuthenticator(db, actor) }),
    page: () => "/account/security",
    form: byButton("Turn on"),
    fields: ({ secret }) => ({ code: generateSync({ secret: secret! }) }),
    happened: async (db, _state, actor) => (await db.twoFactor.count({ where: { userId: actor.id, enabledAt: { not: null } } })) > 0,
  },
  {
    action: "app/account/security/actions.ts#newRecoveryCodesAction",
    prepare: async ({ db, actor }) => {
      await turnOnTwoFactor(db, actor);
      return { hash: (await db.recoveryCode.findFirstOrThrow({ where: { userId: actor.id } })).codeHash };
    },
    page: () => "/account/security?confirm=new-recovery-codes",
    form: byButton("Make new recovery codes"),
    happened: async (db, { hash }) => (await db.recoveryCode.count({ where: { codeHash: hash! } })) === 0,
  },
  {
    action: "app/account/security/actions.ts#turnOffAction",
    prepare: async ({ db, actor }) => {
      await turnOnTwoFactor(db, actor);
      return {};
    },
    page: () => "/account/security?confirm=turn-off",
    form: byButton("Turn off two-factor authentication"),
    happened: async (db, _state, actor) => !(await hasTwoFactorRow(db, actor.id)),
  },
  {
    action: "app/account/security/actions.ts#hideRecoveryCodesAction",
    prepare: async ({ db, actor }) => ({ secret: await setUpAuthenticator(db, actor) }),
    // The codes are on screen after turning two-factor on (they wait in a cookie of this browser).
    inBrowser: async (page, state) => {
      await page.goto("/account/security");
      await page.getByLabel("Code", { exact: true }).fill(await currentCode(state.secret!));
      await page.getByRole("button", { name: "Turn on" }).click();
      await expect(page.getByRole("list", { name: "Recovery codes" })).toBeVisible();
      state.page = page;
    },
    page: () => "/account/security",
    form: byButton("Done"),
    happened: async (_db, { page }) => !(await page!.context().cookies()).some((cookie) => cookie.name === "staffroom.recovery-codes"),
  },
  {
    action: "app/admin/staff/actions.ts#createStaffAction",
    prepare: async () => ({ text: uniqueEmail("csrf-staff") }),
    page: () => "/admin/staff/new",
    form: byButton("Save"),
    fields: ({ text }) => ({ email: text!, firstName: "Made", lastName: "Elsewhere", roles: ["admin", "staff"], active: "on", password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }),
    happened: async (db, { text }) => (await db.user.count({ where: { email: text! } })) > 0,
  },
  {
    action: "app/admin/staff/actions.ts#updateStaffAction",
    prepare: async ({ createPerson }) => ({ target: await createPerson(), text: `Renamed${unique()}` }),
    page: ({ target }) => `/admin/staff/${target!.id}/edit`,
    form: byButton("Save"),
    fields: ({ text }) => ({ firstName: text!, roles: ["admin", "staff"] }),
    happened: async (db, { target, text }) => (await db.user.findUniqueOrThrow({ where: { id: target!.id } })).firstName === text,
  },
  {
    action: "app/admin/staff/actions.ts#deleteStaffAction",
    prepare: async ({ createPerson }) => ({ target: await createPerson() }),
    page: ({ target }) => `/admin/staff/${target!.id}/delete`,
    form: byButton("Delete"),
    happened: async (db, { target }) => (await db.user.count({ where: { id: target!.id } })) === 0,
  },
  {
    action: "app/admin/staff/actions.ts#unlockStaffAction",
    prepare: async ({ createPerson, db }) => {
      const target = await createPerson();
      for (let i = 0; i < 5; i++) await recordFailure(db, PASSWORD_SCOPE, { account: target.email, address: "10.251.0.1" });
      return { target };
    },
    page: ({ target }) => `/admin/staff/${target!.id}/edit`,
    form: byButton("Unlock login"),
    happened: async (db, { target }) => (await db.authFailure.count({ where: { scope: "password|account", key: target!.email } })) === 0,
  },
  {
    action: "app/admin/actions.ts#unlockAccountAction",
    prepare: async ({ createPerson, db }) => {
      const target = await createPerson();
      for (let i = 0; i < 5; i++) await recordFailure(db, PASSWORD_SCOPE, { account: target.email, address: "10.252.0.1" });
      return { target };
    },
    page: () => "/admin",
    form: (page, { target }) => byButton(`Unlock ${target!.email}`)(page),
    happened: async (db, { target }) => (await db.authFailure.count({ where: { scope: "password|account", key: target!.email } })) === 0,
  },
  {
    action: "app/admin/actions.ts#unlockAddressAction",
    prepare: async ({ db }) => {
      const address = `10.253.${Math.floor(Math.random() * 250)}.${1 + Math.floor(Math.random() * 250)}`;
      for (let i = 0; i < 50; i++) await recordFailure(db, PASSWORD_SCOPE, { account: uniqueEmail("spray"), address });
      return { text: address };
    },
    page: () => "/admin",
    form: (page, { text }) => byButton(`Unlock ${text!}`)(page),
    happened: async (db, { text }) => (await db.authFailure.count({ where: { scope: "password|address", key: text! } })) === 0,
  },
  {
    action: "app/admin/staff/actions.ts#endAllSessionsAction",
    prepare: async ({ createPerson }) => {
      const target = await createPerson();
      await loginCookie(target);
      return { target };
    },
    page: ({ target }) => `/admin/staff/${target!.id}/edit`,
    form: byButton("Log out everywhere"),
    happened: async (db, { target }) => (await sessionsOf(db, target!.id)) === 0,
  },
  {
    // The Import button's post (the previewed text comes back in a hidden field), sent to the page's one form.
    action: "app/admin/staff/import/actions.ts#staffImportAction",
    prepare: async () => ({ text: uniqueEmail("csrf-import") }),
    page: () => "/admin/staff/import",
    form: byButton("Preview"),
    fields: ({ text }) => ({ intent: "import", csv: `email,first_name,last_name\n${text!},Cross,Site\n` }),
    happened: async (db, { text }) => (await db.user.count({ where: { email: text! } })) > 0,
  },
  {
    action: "app/admin/staff/actions.ts#resetTwoFactorAction",
    prepare: async ({ createPerson, db }) => {
      const target = await createPerson();
      await turnOnTwoFactor(db, target);
      return { target };
    },
    page: ({ target }) => `/admin/staff/${target!.id}/edit`,
    form: byButton("Reset two-factor"),
    happened: async (db, { target }) => !(await hasTwoFactorRow(db, target!.id)),
  },
  {
    action: "app/admin/settings/actions.ts#saveSettingsAction",
    // Saved as "nobody", the default, so that the suite's other tests meet the same policy.
    prepare: async ({ db }) => {
      await db.setting.deleteMany({ where: { key: "twoFactorPolicy" } });
      return {};
    },
    page: () => "/admin/settings",
    form: byButton("Save"),
    fields: () => ({ twoFactorPolicy: "nobody" }),
    happened: async (db) => (await db.setting.count({ where: { key: "twoFactorPolicy" } })) > 0,
  },
  {
    action: "app/admin/subject-groups/actions.ts#createSubjectGroupAction",
    prepare: async ({ groupName }) => ({ text: groupName("Cross-site") }),
    page: () => "/admin/subject-groups/new",
    form: byButton("Save"),
    fields: ({ text }) => ({ name: text! }),
    happened: async (db, { text }) => (await db.subjectGroup.count({ where: { name: text! } })) > 0,
  },
  {
    action: "app/admin/subject-groups/actions.ts#renameSubjectGroupAction",
    prepare: async ({ createGroup }) => {
      const group = await createGroup("Rename");
      return { groupId: group.id, text: `${group.name} renamed` };
    },
    page: ({ groupId }) => `/admin/subject-groups/${groupId}/edit`,
    form: byButton("Save"),
    fields: ({ text }) => ({ name: text! }),
    happened: async (db, { groupId, text }) => (await db.subjectGroup.findUniqueOrThrow({ where: { id: groupId! } })).name === text,
  },
  {
    action: "app/admin/subject-groups/actions.ts#deleteSubjectGroupAction",
    prepare: async ({ createGroup }) => ({ groupId: (await createGroup("Delete")).id }),
    page: ({ groupId }) => `/admin/subject-groups/${groupId}/delete`,
    form: byButton("Delete"),
    happened: async (db, { groupId }) => (await db.subjectGroup.count({ where: { id: groupId! } })) === 0,
  },
];

async function withSignupDb<T>(run: (db: Db) => Promise<T>): Promise<T> {
  const db = createDb(SIGNUP_DATABASE_URL);
  try {
    return await run(db);
  } finally {
    await db.$disconnect();
  }
}

test("every server action in app/ has a case here", () => {
  expect(serverActionsOnDisk(), "exports of \"use server\" modules missing from ACTIONS in e2e/support/routes.ts").toEqual(Object.keys(ACTIONS).sort());
  expect(CASES.map((entry) => entry.action).sort()).toEqual(Object.keys(ACTIONS).sort());
});

for (const entry of CASES) {
  const role: Access = ACTIONS[entry.action]!;
  test(`${entry.action}: refused from another site${role === "public" ? "" : " and for the wrong person"}; works from this site`, async ({
    browser,
    createPerson,
    createGroup,
    groupName,
    db,
    login,
    playwright,
  }) => {
    const actor = await createPerson({ roles: role === "admin" ? ["admin", "staff"] : ["staff"] });
    const baseURL = entry.signup ? SIGNUP_BASE_URL : undefined;
    const actorSide = await newContext(browser, { javaScriptEnabled: false, baseURL });
    if (role !== "public") await login(actorSide.page, actor);
    const state = (await entry.prepare?.({ db, actor, createPerson, createGroup, groupName })) ?? {};
    await entry.inBrowser?.(actorSide.page, state, actor);

    const path = entry.page(state);
    await actorSide.page.goto(path);
    const form = entry.form(actorSide.page, state);
    await expect(form).toHaveCount(1);
    const fields = toFormData(await formEntries(form), entry.fields?.(state, actor) ?? {});
    const post = (request: typeof actorSide.context.request, headers: Record<string, string>) =>
      request.post(path, { multipart: fields, headers, maxRedirects: 0 });
    const origin = new URL(actorSide.page.url()).origin;

    await test.step("from another site: 403, nothing happens", async () => {
      for (const evil of [EVIL_ORIGIN, "null", origin.replace(/:\d+$/, ":1")]) {
        const response = await post(actorSide.context.request, { origin: evil });
        expect(response.status(), `Origin: ${evil}`).toBe(403);
      }
      expect(await entry.happened(db, state, actor), "changed by a cross-origin post").toBe(false);
    });

    if (role !== "public") {
      await test.step("by the wrong person, from this site: refused, nothing happens", async () => {
        const wrongOnes: { label: string; cookie?: string }[] = [{ label: "nobody" }, { label: "a cookie that is no session", cookie: `${SESSION_COOKIE}=garbage` }];
        if (role === "admin" || entry.wrongPerson === "stranger") {
          wrongOnes.push({ label: role === "admin" ? "a non-admin" : "a stranger", cookie: await loginCookie(await createPerson()) });
        }
        for (const wrong of wrongOnes) {
          const request = await playwright.request.newContext({ baseURL: origin });
          const response = await request.post(path, { multipart: fields, headers: { origin, ...(wrong.cookie ? { cookie: wrong.cookie } : {}) }, maxRedirects: 0 });
          expect(response.status(), wrong.label).toBeLessThan(500);
          expect(await entry.happened(db, state, actor), `changed by ${wrong.label}`).toBe(false);
          await request.dispose();
        }
      });
    }

    await test.step("by the right person from this site: it happens (so the refusals above were refusals)", async () => {
      const response = await post(actorSide.context.request, { origin });
      expect(response.status()).toBeLessThan(400);
      await expect.poll(() => entry.happened(db, state, actor)).toBe(true);
    });

    if (entry.signup) await withSignupDb((signupDb) => signupDb.user.deleteMany({ where: { email: state.text! } }));
    if (entry.action.endsWith("#createStaffAction")) await db.user.deleteMany({ where: { email: state.text! } });
    await actorSide.context.close();
  });
}
