// "Confirm it's you" (/account/confirm): the password again (or, for someone with two-factor,
// a code or a passkey), throttled like a login; on success the session counts as freshly
// confirmed (lib/auth/reauth.ts).
import { recordAudit } from "../audit/audit-log.ts";
import type { Db } from "../db/client.ts";
import { RuleViolationError, ValidationError } from "../errors.ts";
import { describeWait } from "../http/retry-after.ts";
import { markSessionConfirmed } from "./confirmation.ts";
import type { AuthenticationResponseJSON } from "@simplewebauthn/server";
import { INVALID_CODE, PASSKEY_EXPIRED, PASSKEY_NOT_ACCEPTED } from "./messages.ts";
import { parseAnswer, verifyPasskeyAssertion } from "./passkeys/passkey-service.ts";
import type { CurrentUser } from "../identity/current-user.ts";
import { verifyPassword } from "./password.ts";
import { claimAttempt, PASSWORD_SCOPE } from "./throttle.ts";
import { consumeSecondFactor, hasTwoFactor } from "./two-factor/two-factor-service.ts";

export const WRONG_PASSWORD = "That is not your password.";
export const USE_YOUR_CODE = "You have two-factor authentication: confirm with a code from your authenticator app, or with a passkey.";

export async function confirmWithPassword(
  db: Db,
  user: CurrentUser,
  input: { sessionToken: string; password: string; ip: string },
): Promise<void> {
  // With two-factor, a password alone is not enough here either: the second factor confirms.
  if (await hasTwoFactor(db, user.id)) throw new ValidationError(USE_YOUR_CODE, { password: [USE_YOUR_CODE] });
  // A stolen session must not be a way to guess the password: the login's limits apply.
  const attempt = await claimAttempt(db, PASSWORD_SCOPE, { account: user.email, address: input.ip });
  if (!attempt.allowed) throw new RuleViolationError(`Too many failed attempts. Try again in ${describeWait(attempt.retryAfterSeconds)}.`);
  const stored = await db.password.findUnique({ where: { userId: user.id }, select: { hash: true } });
  if (!stored || !(await verifyPassword(input.password, stored.hash))) {
    await recordAudit(db, { action: "login.failed", actor: { id: user.id, email: user.email }, target: { id: user.id, email: user.email }, ip: input.ip, details: { channel: "confirm" } });
    throw new ValidationError(WRONG_PASSWORD, { password: [WRONG_PASSWORD] });
  }
  await attempt.succeeded();
  await markSessionConfirmed(db, input.sessionToken);
}

/** The same for someone with two-factor: a code from their app, or a recovery code (used up). */
export async function confirmWithSecondFactor(
  db: Db,
  user: CurrentUser,
  input: { sessionToken: string; code: string; ip: string },
): Promise<void> {
  const check = await consumeSecondFactor(db, user.id, input.code, input.ip);
  if (!check.ok) {
    if (check.reason === "throttled") throw new RuleViolationError(`Too many failed attempts. Try again in ${describeWait(check.retryAfterSeconds)}.`);
    await recordAudit(db, { action: "login.failed", actor: { id: user.id, email: user.email }, target: { id: user.id, email: user.email }, ip: input.ip, details: { channel: "confirm", reason: "code" } });
    throw new ValidationError(INVALID_CODE, { code: [INVALID_CODE] });
  }
  await markSessionConfirmed(db, input.sessionToken);
}

/** The same with a passkey: only one of the person's own, answering the challenge this browser was given. */
export async function confirmWithPasskey(
  db: Db,
  user: CurrentUser,
  input: { sessionToken: string; token: string | undefined; answer: string | undefined; ip: string },
): Promise<void> {
  const response = parseAnswer<AuthenticationResponseJSON>(input.answer);
  const result = response
    ? await verifyPasskeyAssertion(db, { token: input.token, purpose: "passkey-confirm", response, ip: input.ip, onlyFor: user.id })
    : ({ ok: false, reason: "invalid" } as const);
  if (!result.ok) {
    if (result.reason === "throttled") throw new RuleViolationError(`Too many failed attempts. Try again in ${describeWait(result.retryAfterSeconds)}.`);
    throw new ValidationError(result.reason === "expired" ? PASSKEY_EXPIRED : PASSKEY_NOT_ACCEPTED);
  }
  await markSessionConfirmed(db, input.sessionToken);
}
