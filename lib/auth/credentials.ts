// Checking an email and password: the one path behind the login page, API token creation
// and HTTP Basic. Throttled, timing-equalised, audited, and it tracks logins.
import { recordAudit } from "../audit/audit-log.ts";
import type { Db } from "../db/client.ts";
import { currentUserSelect, toCurrentUser, type CurrentUser } from "../identity/current-user.ts";
import { checkStoredPassword, replaceAfterLogin, storedPasswordSelect } from "./stored-password.ts";
import { claimAttempt, normaliseAccount, PASSWORD_SCOPE, THROTTLE_WINDOW_MS, type ThrottleRule } from "./throttle.ts";
import { hasTwoFactor } from "./two-factor/two-factor-service.ts";

export type AuthenticationResult =
  | { ok: true; user: CurrentUser }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number }
  /** The password was right, but the person has two-factor: the login is not done yet. */
  | { ok: false; reason: "second_factor"; user: CurrentUser };

export type AuthenticationChannel = "login" | "token" | "basic";

/**
 * `email` is as typed; it is compared lower-cased and trimmed, like the login name it is.
 * `channel` "basic" does not count as a login (no trackable fields, no audit entry on
 * success): HTTP Basic sends the password with every request.
 */
export async function authenticate(
  db: Db,
  { email, password, ip, channel }: { email: string; password: string; ip: string; channel: AuthenticationChannel },
): Promise<AuthenticationResult> {
  const account = normaliseAccount(email);
  // Counted as a failure until it proves otherwise, so that attempts sent together see each other.
  const attempt = await claimAttempt(db, PASSWORD_SCOPE, { account, address: ip });
  if (!attempt.allowed) {
    await auditThrottled(db, { account, ip, channel, rule: attempt.rule, retryAfterSeconds: attempt.retryAfterSeconds });
    return { ok: false, reason: "throttled", retryAfterSeconds: attempt.retryAfterSeconds };
  }

  const found = await db.user.findUnique({
    where: { email: account },
    select: { ...currentUserSelect, password: { select: storedPasswordSelect } },
  });
  // An unknown email costs the same bcrypt work as a wrong password.
  const check = await checkStoredPassword(password, found?.password);
  const passwordMatches = check.matches;
  const user = passwordMatches ? toCurrentUser(found) : null;

  if (!user) {
    await recordAudit(db, {
      action: "login.failed",
      actor: null,
      target: { id: found?.id ?? null, email: email.slice(0, 254) },
      ip,
      details: { channel, ...(passwordMatches ? { reason: "inactive" } : {}) },
    });
    return { ok: false, reason: "invalid" };
  }

  await attempt.succeeded();
  // An imported (Flask) hash or a cheaper bcrypt becomes today's bcrypt, in this request.
  await replaceAfterLogin(db, user, password, check);
  // Not a login yet: the second step records it (lib/auth/two-factor/, and the token route).
  if (await hasTwoFactor(db, user.id)) return { ok: false, reason: "second_factor", user };
  if (channel !== "basic") await recordLogin(db, user, ip, channel);
  return { ok: true, user };
}

/**
 * A refused (429) attempt is in the audit log too, once per burst: the first refusal for
 * this account from this address in the throttle's window is written, the rest of the
 * burst is not, so that an attack cannot flood the log.
 */
async function auditThrottled(
  db: Db,
  { account, ip, channel, rule, retryAfterSeconds }: { account: string; ip: string; channel: AuthenticationChannel; rule: ThrottleRule; retryAfterSeconds: number },
) {
  const since = new Date(Date.now() - THROTTLE_WINDOW_MS);
  const target = account.slice(0, 254);
  const earlier = await db.auditEvent.findFirst({ where: { action: "login.throttled", targetEmail: target, ip, createdAt: { gt: since } }, select: { id: true } });
  if (earlier) return;
  const found = await db.user.findUnique({ where: { email: account }, select: { id: true } });
  await recordAudit(db, { action: "login.throttled", actor: null, target: { id: found?.id ?? null, email: target }, ip, details: { channel, rule, retryAfterSeconds } });
}

/** Flask-Security's trackable fields, and the audit entry for a successful login. */
export async function recordLogin(db: Db, user: CurrentUser, ip: string, channel: AuthenticationChannel | "passkey") {
  const previous = await db.user.findUnique({ where: { id: user.id }, select: { currentLoginAt: true, currentLoginIp: true } });
  await db.user.update({
    where: { id: user.id },
    data: {
      lastLoginAt: previous?.currentLoginAt ?? null,
      lastLoginIp: previous?.currentLoginIp ?? null,
      currentLoginAt: new Date(),
      currentLoginIp: ip,
      loginCount: { increment: 1 },
    },
  });
  await recordAudit(db, { action: "login.succeeded", actor: { id: user.id, email: user.email }, target: { id: user.id, email: user.email }, ip, details: { channel } });
}
