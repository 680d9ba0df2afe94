// A person's second factor: setting up the authenticator app, turning it on and off,
// recovery codes, checking a code at login, and an administrator's reset. Codes are
// throttled like passwords (lib/auth/throttle.ts), in a scope of their own, so that knowing
// the password (which clears the password failures) buys no extra guesses at the code.
import { recordAudit } from "../../audit/audit-log.ts";
import type { Db } from "../../db/client.ts";
import { inTransaction } from "../../db/transactions.ts";
import { NotFoundError } from "../../errors.ts";
import { assertManager, type Actor, type Caller } from "../../identity/caller.ts";
import type { CurrentUser } from "../../identity/current-user.ts";
import { hasPasskey } from "../passkeys/passkey-service.ts";
import { endSessionsOf } from "../sessions.ts";
import { claimAttempt } from "../throttle.ts";
import { hashRecoveryCode, looksLikeRecoveryCode, newRecoveryCodes } from "./recovery-codes.ts";
import { groupedSecret, newTotpSecret, openTotpSecret, sealTotpSecret, totpUri, verifyTotp } from "./totp.ts";

export type TwoFactorStatus =
  | { state: "off" }
  | { state: "setting-up"; setupKey: string; uri: string }
  | { state: "on"; recoveryCodesLeft: number; enabledAt: Date };

export type CodeCheck = { ok: true; kind: "totp" | "recovery" } | { ok: false; reason: "invalid" } | { ok: false; reason: "throttled"; retryAfterSeconds: number };

/** The throttle's scope for codes (lib/auth/throttle.ts): apart from passwords, keyed on the person's id. */
export const TWO_FACTOR_SCOPE = "two-factor";

type Person = Pick<CurrentUser, "id" | "email">;
const actorOf = (user: Person): Actor => ({ id: user.id, email: user.email });

/** An authenticator app is turned on (codes can be typed). */
export async function hasAuthenticatorApp(db: Db, userId: string): Promise<boolean> {
  const row = await db.twoFactor.findUnique({ where: { userId }, select: { enabledAt: true } });
  return Boolean(row?.enabledAt);
}

/**
 * "Has two-factor" (the policy, the password login's second step, the API's refusals, the
 * staff table): an authenticator app, or at least one passkey. docs/decisions/012-two-factor.md.
 */
export async function hasTwoFactor(db: Db, userId: string): Promise<boolean> {
  const [app, passkey] = await Promise.all([hasAuthenticatorApp(db, userId), hasPasskey(db, userId)]);
  return app || passkey;
}

export async function getTwoFactorStatus(db: Db, user: Person): Promise<TwoFactorStatus> {
  const row = await db.twoFactor.findUnique({ where: { userId: user.id } });
  if (!row) return { state: "off" };
  if (row.enabledAt) {
    const recoveryCodesLeft = await db.recoveryCode.count({ where: { userId: user.id } });
    return { state: "on", recoveryCodesLeft, enabledAt: row.enabledAt };
  }
  const secret = openTotpSecret(row.secret, user.id);
  return { state: "setting-up", setupKey: groupedSecret(secret), uri: totpUri(secret, user.email) };
}

/** A new secret to scan; replaces an unfinished one. Refused while two-factor is on. */
export async function startTwoFactorSetup(db: Db, user: Person): Promise<void> {
  if (await hasAuthenticatorApp(db, user.id)) return;
  const secret = sealTotpSecret(newTotpSecret(), user.id);
  await db.twoFactor.upsert({
    where: { userId: user.id },
    create: { userId: user.id, secret },
    update: { secret, lastUsedStep: 0, createdAt: new Date() },
  });
}

export async function cancelTwoFactorSetup(db: Db, user: Person): Promise<void> {
  await db.twoFactor.deleteMany({ where: { userId: user.id, enabledAt: null } });
}

async function throttled<T extends CodeCheck>(db: Db, userId: string, ip: string, check: () => Promise<T>): Promise<CodeCheck> {
  const attempt = await claimAttempt(db, TWO_FACTOR_SCOPE, { account: userId, address: ip });
  if (!attempt.allowed) return { ok: false, reason: "throttled", retryAfterSeconds: attempt.retryAfterSeconds };
  const result = await check();
  if (result.ok) await attempt.succeeded();
  return result;
}

/** Turns two-factor on when the code from the new secret is right; returns the recovery codes to show once. */
export async function enableTwoFactor(db: Db, user: Person, code: string, ip: string): Promise<{ ok: true; recoveryCodes: string[] } | Exclude<CodeCheck, { ok: true }>> {
  let codes: string[] = [];
  const result = await throttled(db, user.id, ip, async (): Promise<CodeCheck> => {
    const row = await db.twoFactor.findUnique({ where: { userId: user.id } });
    if (!row || row.enabledAt) return { ok: false, reason: "invalid" };
    const step = await verifyTotp(openTotpSecret(row.secret, user.id), code.trim(), 0);
    if (step === null) return { ok: false, reason: "invalid" };
    codes = newRecoveryCodes();
    await inTransaction(db, async (tx) => {
      await tx.twoFactor.update({ where: { userId: user.id }, data: { enabledAt: new Date(), lastUsedStep: step } });
      await tx.recoveryCode.deleteMany({ where: { userId: user.id } });
      await tx.recoveryCode.createMany({ data: codes.map((c) => ({ userId: user.id, codeHash: hashRecoveryCode(c) })) });
      await recordAudit(tx, { action: "two_factor.enabled", actor: actorOf(user), target: user, ip });
    });
    return { ok: true, kind: "totp" };
  });
  return result.ok ? { ok: true, recoveryCodes: codes } : result;
}

export async function disableTwoFactor(db: Db, user: Person, ip: string): Promise<void> {
  await inTransaction(db, async (tx) => {
    const { count } = await tx.twoFactor.deleteMany({ where: { userId: user.id } });
    await tx.recoveryCode.deleteMany({ where: { userId: user.id } });
    if (count > 0) await recordAudit(tx, { action: "two_factor.disabled", actor: actorOf(user), target: user, ip });
  });
}

/** New recovery codes; every earlier one stops working. */
export async function replaceRecoveryCodes(db: Db, user: Person, ip: string): Promise<string[]> {
  const codes = newRecoveryCodes();
  await inTransaction(db, async (tx) => {
    if (!(await tx.twoFactor.findFirst({ where: { userId: user.id, enabledAt: { not: null } }, select: { userId: true } }))) {
      throw new NotFoundError("Two-factor authentication is not on.");
    }
    await tx.recoveryCode.deleteMany({ where: { userId: user.id } });
    await tx.recoveryCode.createMany({ data: codes.map((c) => ({ userId: user.id, codeHash: hashRecoveryCode(c) })) });
    await recordAudit(tx, { action: "two_factor.recovery_codes_replaced", actor: actorOf(user), target: user, ip });
  });
  return codes;
}

/**
 * Checks and uses up a code for someone with two-factor: a 6-digit code from their app (its
 * time step then stops working) or one of their recovery codes (then deleted). Both are
 * consumed with a conditional write, so two requests racing with one code cannot both win.
 */
export async function consumeSecondFactor(db: Db, userId: string, code: string, ip: string, now = Date.now()): Promise<CodeCheck> {
  return throttled(db, userId, ip, async (): Promise<CodeCheck> => {
    const row = await db.twoFactor.findUnique({ where: { userId } });
    if (!row?.enabledAt) return { ok: false, reason: "invalid" };
    const typed = code.trim();
    if (/^\d{6}$/.test(typed.replace(/\s/g, ""))) {
      const step = await verifyTotp(openTotpSecret(row.secret, userId), typed.replace(/\s/g, ""), row.lastUsedStep, now);
      if (step === null) return { ok: false, reason: "invalid" };
      const { count } = await db.twoFactor.updateMany({ where: { userId, lastUsedStep: { lt: step } }, data: { lastUsedStep: step } });
      return count === 1 ? { ok: true, kind: "totp" } : { ok: false, reason: "invalid" };
    }
    if (!looksLikeRecoveryCode(typed)) return { ok: false, reason: "invalid" };
    const { count } = await db.recoveryCode.deleteMany({ where: { userId, codeHash: hashRecoveryCode(typed) } });
    return count === 1 ? { ok: true, kind: "recovery" } : { ok: false, reason: "invalid" };
  });
}

/**
 * An administrator's (or the command line's: manager "system") reset for someone who lost
 * their phone and codes: their TOTP, recovery codes and passkeys go, and so do their sessions.
 */
export async function resetTwoFactor(db: Db, manager: Caller, targetId: string, context: { ip?: string | null } = {}): Promise<void> {
  const actor = assertManager(manager);
  await inTransaction(db, async (tx) => {
    const target = await tx.user.findUnique({ where: { id: targetId }, select: { id: true, email: true } });
    if (!target) throw new NotFoundError("No staff member with that id.");
    const totp = await tx.twoFactor.deleteMany({ where: { userId: targetId } });
    const codes = await tx.recoveryCode.deleteMany({ where: { userId: targetId } });
    const passkeys = await tx.passkey.deleteMany({ where: { userId: targetId } });
    await tx.loginChallenge.deleteMany({ where: { userId: targetId } });
    const sessions = await endSessionsOf(tx, targetId);
    await recordAudit(tx, {
      action: "two_factor.reset",
      actor,
      target,
      ip: context.ip ?? null,
      details: { authenticatorApp: totp.count > 0, recoveryCodes: codes.count, passkeys: passkeys.count, sessions },
    });
  });
}
