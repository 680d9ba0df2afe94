// "Confirm it's you" (/account/confirm): the password again, throttled like a login, and on
// success the session counts as freshly confirmed (lib/auth/reauth.ts).
import { recordAudit } from "../audit/audit-log.ts";
import type { Db } from "../db/client.ts";
import { RuleViolationError, ValidationError } from "../errors.ts";
import { describeWait } from "../http/retry-after.ts";
import { markSessionConfirmed } from "./confirmation.ts";
import type { CurrentUser } from "../identity/current-user.ts";
import { verifyPassword } from "./password.ts";
import { claimAttempt } from "./throttle.ts";

export const WRONG_PASSWORD = "That is not your password.";

export async function confirmWithPassword(
  db: Db,
  user: CurrentUser,
  input: { sessionToken: string; password: string; ip: string },
): Promise<void> {
  // A stolen session must not be a way to guess the password: the login's limits apply.
  const attempt = await claimAttempt(db, user.email, input.ip);
  if (!attempt.allowed) throw new RuleViolationError(`Too many failed attempts. Try again in ${describeWait(attempt.retryAfterSeconds)}.`);
  const stored = await db.password.findUnique({ where: { userId: user.id }, select: { hash: true } });
  if (!stored || !(await verifyPassword(input.password, stored.hash))) {
    await recordAudit(db, { action: "login.failed", actor: { id: user.id, email: user.email }, target: { id: user.id, email: user.email }, ip: input.ip, details: { channel: "confirm" } });
    throw new ValidationError(WRONG_PASSWORD, { password: [WRONG_PASSWORD] });
  }
  await attempt.withdraw();
  await markSessionConfirmed(db, input.sessionToken);
}
