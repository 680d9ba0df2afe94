// Two-factor for the specs: an authenticator app in the test (otplib computes the codes
// from the setup key, as a phone would), people who have two-factor already (through the
// app's own service), and the two-step login.
import type { Page } from "@playwright/test";
import { generate } from "otplib";
import { openTotpSecret } from "../../lib/auth/two-factor/totp";
import { enableTwoFactor, startTwoFactorSetup } from "../../lib/auth/two-factor/two-factor-service";
import { expect, test as base } from "./admin";
import type { Person } from "./fixtures";

/**
 * A phone's authenticator app. Each time step works once, so it hands out the code of the
 * step after the last one used, as long as that step is inside the server's window (one
 * step ahead at most): two logins per enrolment, without waiting. Tests that need more use
 * recovery codes.
 */
export class Authenticator {
  readonly secret: string;
  private lastStep: number;

  constructor(secret: string, lastStep: number) {
    this.secret = secret;
    this.lastStep = lastStep;
  }

  static fromSetupKey(setupKey: string): Authenticator {
    return new Authenticator(setupKey.replace(/\s/g, ""), 0);
  }

  async code(): Promise<string> {
    const current = Math.floor(Date.now() / 30_000);
    const step = Math.max(this.lastStep + 1, current);
    if (step > current + 1) throw new Error("every code in the window was used: use a recovery code");
    this.lastStep = step;
    return generate({ secret: this.secret, epoch: step * 30 });
  }

  /** A code the server has already accepted (its step is used). */
  async usedCode(): Promise<string> {
    return generate({ secret: this.secret, epoch: this.lastStep * 30 });
  }
}

export type TwoFactorPerson = Person & { app: Authenticator; recoveryCodes: string[] };

type TwoFactorFixtures = {
  /** Someone with two-factor on (turned on with the previous step's code, so this one and the next are free). */
  createTwoFactorPerson: (options?: { roles?: string[] }) => Promise<TwoFactorPerson>;
};

export const test = base.extend<TwoFactorFixtures>({
  createTwoFactorPerson: async ({ createPerson, db }, use) => {
    await use(async (options = {}) => {
      const person = await createPerson(options);
      await startTwoFactorSetup(db, person);
      const row = await db.twoFactor.findUniqueOrThrow({ where: { userId: person.id } });
      const secret = openTotpSecret(row.secret, person.id);
      const previousStep = Math.floor(Date.now() / 30_000) - 1;
      const enabled = await enableTwoFactor(db, person, await generate({ secret, epoch: previousStep * 30 }), "10.250.0.1");
      if (!enabled.ok) throw new Error(`could not turn two-factor on: ${enabled.reason}`);
      return { ...person, app: new Authenticator(secret, previousStep), recoveryCodes: enabled.recoveryCodes };
    });
  },
});

/** The password step: it must end on /login/two-factor, with no session yet. */
export async function passwordStep(page: Page, person: Pick<Person, "email" | "password">, options: { remember?: boolean; from?: string } = {}): Promise<void> {
  await page.goto(options.from ?? "/login");
  await page.getByLabel("Email").fill(person.email);
  await page.getByLabel("Password").fill(person.password);
  if (options.remember) await page.getByLabel("Remember me").check();
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL("/login/two-factor");
}

/**
 * Types into the Code field once it is empty: after a refused code the form clears it, and
 * typing before that would be wiped.
 */
export async function fillCode(page: Page, code: string): Promise<void> {
  const field = page.getByLabel("Code", { exact: true });
  await expect(field).toHaveValue("");
  await field.fill(code);
}

export async function codeStep(page: Page, code: string): Promise<void> {
  await fillCode(page, code);
  await page.getByRole("button", { name: "Verify" }).click();
}

export async function loginWithCode(page: Page, person: TwoFactorPerson): Promise<void> {
  await passwordStep(page, person);
  await codeStep(page, await person.app.code());
  await expect(page).not.toHaveURL(/\/login/);
}

export async function logout(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Log out" }).click();
  await expect(page).toHaveURL(/\/login/);
}

export { expect };
