// Throttling of password attempts (login page, API tokens, HTTP Basic): a sliding window of
// failures per account and per client address, counted in the database so that every app
// instance sharing it enforces the same limit. docs/decisions/006-throttling.md.
import { accountFailureLimit, ipFailureLimit } from "../config/env.ts";
import type { Db } from "../db/client.ts";

export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_ACCOUNT = accountFailureLimit();
export const MAX_FAILURES_PER_IP = ipFailureLimit();

type Scope = "account" | "ip";

export type ThrottleVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

async function verdictFor(db: Db, scope: Scope, key: string, limit: number, now: number, before?: number): Promise<ThrottleVerdict> {
  const since = new Date(now - THROTTLE_WINDOW_MS);
  // Only the failures that count decide the answer, and the oldest of them decides when it
  // changes: the (limit)-th newest failure leaves the window first.
  const recent = await db.authFailure.findMany({
    where: { scope, key, createdAt: { gt: since }, ...(before !== undefined ? { id: { lt: before } } : {}) },
    orderBy: { createdAt: "desc" },
    take: limit,
    select: { createdAt: true },
  });
  if (recent.length < limit) return { allowed: true };
  const oldest = recent[recent.length - 1]!.createdAt.getTime();
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((oldest + THROTTLE_WINDOW_MS - now) / 1000)) };
}

/** The rows an attempt claimed (claimAttempt): only the failures before them count for it. */
type Claimed = Record<Scope, number>;

/** Whether another attempt for this account from this address may be checked at all. */
export async function checkThrottle(db: Db, account: string, ip: string, now = Date.now(), claimed?: Claimed): Promise<ThrottleVerdict> {
  const [byAccount, byIp] = await Promise.all([
    verdictFor(db, "account", account, MAX_FAILURES_PER_ACCOUNT, now, claimed?.account),
    verdictFor(db, "ip", ip, MAX_FAILURES_PER_IP, now, claimed?.ip),
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
  await forgetExpiredFailures(db, now.getTime());
}

/** Keeps the table small: nothing older than the window matters. */
async function forgetExpiredFailures(db: Db, now: number): Promise<void> {
  await db.authFailure.deleteMany({ where: { createdAt: { lt: new Date(now - THROTTLE_WINDOW_MS) } } });
}

export type AttemptClaim = ({ allowed: true } | { allowed: false; retryAfterSeconds: number }) & {
  /** The attempt succeeded: it no longer counts as a failure. */
  withdraw: () => Promise<void>;
};

/**
 * Counts an attempt as a failure *before* its password is checked, then decides whether it
 * may be checked at all by the failures claimed before it (smaller ids); a refused attempt's
 * rows are removed again, a successful one calls `withdraw`. Checking first and recording
 * after the bcrypt comparison (a quarter of a second or more) let every attempt that arrived
 * meanwhile through: 50 sent at once against one account were all checked, against a limit
 * of 5. Claimed first, attempts sent together queue in id order, on every instance sharing
 * the database, and the first five (or fifty per address) are checked. (On PostgreSQL two
 * inserts committing out of id order in the same instant could let one more through.)
 */
export async function claimAttempt(db: Db, account: string, ip: string, now = Date.now()): Promise<AttemptClaim> {
  const createdAt = new Date(now);
  const rows = await db.authFailure.createManyAndReturn({
    data: [
      { scope: "account", key: account, createdAt },
      { scope: "ip", key: ip, createdAt },
    ],
    select: { id: true, scope: true },
  });
  const ids = rows.map((row) => row.id);
  const withdraw = async () => {
    await db.authFailure.deleteMany({ where: { id: { in: ids } } });
  };
  const idOf = (scope: Scope) => rows.find((row) => row.scope === scope)!.id;
  const verdict = await checkThrottle(db, account, ip, now, { account: idOf("account"), ip: idOf("ip") });
  if (!verdict.allowed) await withdraw();
  else await forgetExpiredFailures(db, now);
  return { ...verdict, withdraw };
}

/** After a success or an administrator's unlock; the address's count stays (a success from
 *  one account must not wipe an attacker's record of guesses at others). */
export async function clearAccountFailures(db: Pick<Db, "authFailure">, account: string): Promise<void> {
  await db.authFailure.deleteMany({ where: { scope: "account", key: account } });
}

export async function isAccountLocked(db: Db, account: string, now = Date.now()): Promise<boolean> {
  return !(await verdictFor(db, "account", account, MAX_FAILURES_PER_ACCOUNT, now)).allowed;
}
