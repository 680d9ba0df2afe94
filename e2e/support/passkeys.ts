// Passkeys for specs that talk HTTP without a browser ceremony (the security suite): a
// software authenticator (lib/testing/software-authenticator.ts) registered through the
// app's own functions, for the relying party the suite's server has (no AUTH_URL, so
// localhost:<port>, lib/auth/passkeys/relying-party.ts), and the HttpOnly cookie that binds
// a ceremony's challenge to a browser.
import type { Page } from "@playwright/test";
import { finishPasskeyRegistration, startPasskeyAssertion, startPasskeyRegistration } from "../../lib/auth/passkeys/passkey-service";
import { relyingParty } from "../../lib/auth/passkeys/relying-party";
import { CHALLENGE_COOKIES, type ChallengePurpose } from "../../lib/auth/two-factor/login-challenge";
import type { Db } from "../../lib/db/client";
import { SoftwareAuthenticator } from "../../lib/testing/software-authenticator";
import { BASE_URL } from "./env";
import type { Person } from "./fixtures";
import { asCurrentUser } from "./security";

export const SERVER_RP = relyingParty(BASE_URL);

/** A passkey for `person`, as if added on /account/security; its authenticator answers later challenges. */
export async function registerPasskey(db: Db, person: Person): Promise<{ authenticator: SoftwareAuthenticator; id: string }> {
  const authenticator = new SoftwareAuthenticator(SERVER_RP);
  const user = asCurrentUser(person);
  const { options, token } = await startPasskeyRegistration(db, user, SERVER_RP);
  const added = await finishPasskeyRegistration(db, user, { token, response: authenticator.register(options), userAgent: null, ip: "10.253.0.1" }, SERVER_RP);
  if (!added.ok) throw new Error(`the passkey was not registered: ${added.reason}`);
  return { authenticator, id: added.passkey.id };
}

/** A challenge issued as the page's button would have it issued: its token, and the options to answer. */
export async function issueChallenge(db: Db, purpose: "passkey-login" | "passkey-confirm" | "passkey-register", person?: Person) {
  if (purpose === "passkey-register") return startPasskeyRegistration(db, asCurrentUser(person!), SERVER_RP);
  return startPasskeyAssertion(db, purpose, person ? asCurrentUser(person) : null, SERVER_RP);
}

/** Gives a browser the challenge cookie the begin step would have set. */
export async function holdChallenge(page: Page, purpose: ChallengePurpose, token: string): Promise<void> {
  await page.context().addCookies([{ name: CHALLENGE_COOKIES[purpose], value: token, url: BASE_URL }]);
}
