// A person changing their own password. Their other sessions and their API tokens end, so
// that whoever might have had the old password (or a stolen cookie) is shut out.
import { recordAudit } from "../audit/audit-log.ts";
import type { Db } from "../db/client.ts";
import { inTransaction } from "../db/transactions.ts";
import { RuleViolationError, ValidationError } from "../errors.ts";
import { revokeTokensOf } from "../tokens/token-service.ts";
import type { CurrentUser } from "../identity/current-user.ts";
import { hashPassword } from "./password.ts";
import { writePasswordHash } from "./password-store.ts";
import { endSessionsOf } from "./sessions.ts";
import { checkStoredPassword, storedPasswordSelect } from "./stored-password.ts";
import { claimAttempt } from "./throttle.ts";
import { describeWait } from "../http/retry-after.ts";

export const WRONG_CURRENT_PASSWORD = "That is not your current password.";

export async function changeOwnPassword(
  db: Db,
  user: CurrentUser,
  input: { currentPassword: string; newPassword: string; keepSession?: string; ip: string },
): Promise<void> {
  // Guessing the current password from a hijacked session counts against the same limit as logins.
  // Counted as a failure until the password matches (lib/auth/throttle.ts, claimAttempt).
  const attempt = await claimAttempt(db, user.email, input.ip);
  if (!attempt.allowed) {
    throw new RuleViolationError(`Too many failed attempts. Try again in ${describeWait(attempt.retryAfterSeconds)}.`);
  }
  const stored = await db.password.findUnique({ where: { userId: user.id }, select: storedPasswordSelect });
  if (!stored || !(await checkStoredPassword(input.currentPassword, stored)).matches) {
    throw new ValidationError(WRONG_CURRENT_PASSWORD, { currentPassword: [WRONG_CURRENT_PASSWORD] });
  }
  await attempt.withdraw();
  const hash = await hashPassword(input.newPassword);
  await inTransaction(db, async (tx) => {
    await writePasswordHash(tx, user.id, hash);
    const sessions = await endSessionsOf(tx, user.id, { except: input.keepSession });
    const tokens = await revokeTokensOf(tx, user.id);
    await recordAudit(tx, {
      action: "password.changed",
      actor: { id: user.id, email: user.email },
      target: { id: user.id, email: user.email },
      ip: input.ip,
      details: { sessionsEnded: sessions, tokensRevoked: tokens },
    });
  });
}
