// The login's second step: the person passed the password step (a "two-factor" challenge
// exists for them) and now types a code from their app or a recovery code. Only here does
// the login count: trackable fields and the audit entry are written on success.
import { recordAudit } from "../../audit/audit-log.ts";
import type { Db } from "../../db/client.ts";
import { recordLogin } from "../credentials.ts";
import { currentUserSelect, toCurrentUser, type CurrentUser } from "../../identity/current-user.ts";
import { consumeChallenge, findChallenge } from "./login-challenge.ts";
import { consumeSecondFactor, type CodeCheck } from "./two-factor-service.ts";

export type SecondStepResult =
  | { ok: true; user: CurrentUser; remember: boolean; callbackUrl: string }
  | { ok: false; reason: "invalid" | "expired" }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number };

export async function completeTwoFactorLogin(db: Db, token: string, code: string, ip: string): Promise<SecondStepResult> {
  const challenge = await findChallenge(db, token, "two-factor");
  if (!challenge?.userId) return { ok: false, reason: "expired" };
  const found = await db.user.findUnique({ where: { id: challenge.userId }, select: currentUserSelect });
  const user = toCurrentUser(found);
  if (!user) return { ok: false, reason: "expired" };

  const check = await consumeSecondFactor(db, user.id, code, ip);
  if (!check.ok) {
    if (check.reason === "throttled") return check;
    await recordAudit(db, { action: "login.failed", actor: null, target: { id: user.id, email: user.email }, ip, details: { channel: "login", reason: "code" } });
    return { ok: false, reason: "invalid" };
  }
  // Single use: of two requests racing with the same challenge, one logs in.
  if (!(await consumeChallenge(db, challenge.id))) return { ok: false, reason: "expired" };
  await recordLogin(db, user, ip, "login");
  return { ok: true, user, remember: challenge.remember, callbackUrl: challenge.callbackUrl };
}

/**
 * The second factor of a login that is not a browser's (POST /api/v1/tokens): the password
 * was right, this is the code sent with it. Counted as a login when it is right.
 */
export async function completeCodeLogin(db: Db, user: CurrentUser, code: string, ip: string, channel: "token"): Promise<CodeCheck> {
  const check = await consumeSecondFactor(db, user.id, code, ip);
  if (check.ok) await recordLogin(db, user, ip, channel);
  else if (check.reason === "invalid") {
    await recordAudit(db, { action: "login.failed", actor: null, target: { id: user.id, email: user.email }, ip, details: { channel, reason: "code" } });
  }
  return check;
}
