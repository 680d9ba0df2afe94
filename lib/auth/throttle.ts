// Throttling of password attempts (login page, API tokens, HTTP Basic): a sliding window of
// failures per account and per client address, counted in the database so that every app
// instance sharing it enforces the same limit. docs/decisions/006-throttling.md.
import type { Db } from "../db/client.ts";

export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_ACCOUNT = Number(process.env.THROTTLE_ACCOUNT_FAILURES) || 5;
export const MAX_FAILURES_PER_IP = Number(process.env.THROTTLE_IP_FAILURES) || 50;

type Scope = "account" | "ip";

export type ThrottleVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

async function verdictFor(db: Db, scope: Scope, key: string, limit: number, now: number): Promise<ThrottleVerdict> {
  const since = new Date(now - THROTTLE_WINDOW_MS);
  // Only the failures that count decide the answer, and the oldest of them decides when it
  // changes: the (limit)-th newest failure leaves the window first.
  const recent = await db.authFailure.findMany({
    where: { scope, key, createdAt: { gt: since } },
    orderBy: { createdAt: "desc" },
    take: limit,
    select: { createdAt: true },
  });
  if (recent.length < limit) return { allowed: true };
  const oldest = recent[recent.length - 1]!.createdAt.getTime();
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((oldest + THROTTLE_WINDOW_MS - now) / 1000)) };
}

/** Whether another attempt for this account from this address may be checked at all. */
export async function checkThrottle(db: Db, account: string, ip: string, now = Date.now()): Promise<ThrottleVerdict> {
  const [byAccount, byIp] = await Promise.all([
    verdictFor(db, "account", account, MAX_FAILURES_PER_ACCOUNT, now),
    verdictFor(db, "ip", ip, MAX_FAILURES_PER_IP, now),
  ]);
  if (!byAccount.allowed && !byIp.allowed) {
    return { allowed: false, retryAfterSeconds: Math.max(byAccount.retryAfterSeconds, byIp.retryAfterSeconds) };
  }
  return byAccount.allowed ? byIp : byAccount;
}

export async function recordFailure(db: Db, account: string, ip: string): Promise<void> {
  const now = new Date();
  await db.authFailure.createMany({
    data: [
      { scope: "account", key: account, createdAt: now },
      { scope: "ip", key: ip, createdAt: now },
    ],
  });
  // Keep the table small: nothing older than the window matters.
  await db.authFailure.deleteMany({ where: { createdAt: { lt: new Date(now.getTime() - THROTTLE_WINDOW_MS) } } });
}

/** After a success or an administrator's unlock; the address's count stays (a success from
 *  one account must not wipe an attacker's record of guesses at others). */
export async function clearAccountFailures(db: Pick<Db, "authFailure">, account: string): Promise<void> {
  await db.authFailure.deleteMany({ where: { scope: "account", key: account } });
}

export async function isAccountLocked(db: Db, account: string, now = Date.now()): Promise<boolean> {
  return !(await verdictFor(db, "account", account, MAX_FAILURES_PER_ACCOUNT, now)).allowed;
}
