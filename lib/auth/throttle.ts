// Throttling of guesses: passwords (login page, API tokens, HTTP Basic, change password,
// "confirm it's you") and anything else a caller names as a scope of its own (forgot
// password, two-factor codes, sign-up). Failures are rows in auth_failures, so every
// instance sharing the database enforces the same limits. docs/decisions/006-throttling.md.
//
// The API, for every scope:
//   claimAttempt(db, scope, { account, address })  before an expensive check (bcrypt):
//       counts the attempt as a failure first, so that attempts sent together see each
//       other; `allowed` says whether to check at all; call `succeeded()` when it was right.
//   checkThrottle(db, scope, subject)              would an attempt be allowed now?
//   recordFailure(db, scope, subject)              count a failure after a cheap check.
//   clearFailures(db, scope, subject)              forget this account×address's failures.
// Three rules, after OWASP's authentication cheat sheet and rate-limiter-flexible's login
// recipe (keyed on account × address, with a gentler per-account backoff):
//   1. account × address: 5 failures in 15 minutes from one address for one account, and
//      that address waits until the oldest leaves the window. The owner elsewhere is not.
//   2. account: from 10 failures in 15 minutes (from anywhere), each address that has failed
//      for it waits 30 s after its last failure, doubling per failure beyond 10 (15 min at
//      most). An address with no recent failure for the account is never held back by it:
//      the right password from there gets in.
//   3. address: from 50 failures in 15 minutes (any accounts), attempts from it wait 10 s
//      after its last failure: a school's shared address is slowed, not shut.
import { accountFailureLimit, ipFailureLimit } from "../config/env.ts";
import type { Db } from "../db/client.ts";

export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
export const PAIR_FAILURE_LIMIT = accountFailureLimit();
export const ACCOUNT_BACKOFF_FROM = 2 * PAIR_FAILURE_LIMIT;
export const ACCOUNT_BACKOFF_BASE_MS = 30_000;
export const ADDRESS_SLOWDOWN_FROM = ipFailureLimit();
export const ADDRESS_DELAY_MS = 10_000;

/** The scope of password checks; other features pass a scope of their own. */
export const PASSWORD_SCOPE = "password";

/** Who is guessing at what: the account (an email, a user id) and the client address. */
export type ThrottleSubject = { account: string; address: string };
export type ThrottleRule = "account×address" | "account" | "address";
export type ThrottleVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number; rule: ThrottleRule };

/** Emails are case-insensitive, and "é" may arrive composed or not: one account either way. */
export function normaliseAccount(account: string): string {
  return account.normalize("NFC").trim().toLowerCase();
}

// A row per failure and per rule. The pair's address is in its scope, so that its key is
// exactly the account (and an account can be unlocked everywhere by key).
const pairScope = (scope: string, address: string) => `${scope}|pair|${address}`;
const accountScope = (scope: string) => `${scope}|account`;
const addressScope = (scope: string) => `${scope}|address`;

type Row = { scope: string; key: string; createdAt: Date };
function rowsFor(scope: string, { account, address }: ThrottleSubject, createdAt: Date): Row[] {
  const key = normaliseAccount(account);
  return [
    { scope: pairScope(scope, address), key, createdAt },
    { scope: accountScope(scope), key, createdAt },
    { scope: addressScope(scope), key: address, createdAt },
  ];
}

/** The ids of an attempt's own rows: only failures claimed before it count for it. */
type Claimed = { pair: number; account: number; address: number };

const secondsUntil = (at: number, now: number) => Math.max(1, Math.ceil((at - now) / 1000));

async function evaluate(db: Db, scope: string, subject: ThrottleSubject, now: number, claimed?: Claimed): Promise<ThrottleVerdict> {
  const account = normaliseAccount(subject.account);
  const since = new Date(now - THROTTLE_WINDOW_MS);
  const before = (id?: number) => (id === undefined ? {} : { id: { lt: id } });
  const [pair, accountFailures, addressFailures] = await Promise.all([
    db.authFailure.findMany({
      where: { scope: pairScope(scope, subject.address), key: account, createdAt: { gt: since }, ...before(claimed?.pair) },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: PAIR_FAILURE_LIMIT,
      select: { createdAt: true },
    }),
    db.authFailure.count({ where: { scope: accountScope(scope), key: account, createdAt: { gt: since }, ...before(claimed?.account) } }),
    db.authFailure.findMany({
      where: { scope: addressScope(scope), key: subject.address, createdAt: { gt: since }, ...before(claimed?.address) },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: ADDRESS_SLOWDOWN_FROM,
      select: { createdAt: true },
    }),
  ]);

  const waits: { until: number; rule: ThrottleRule }[] = [];
  if (pair.length >= PAIR_FAILURE_LIMIT) waits.push({ until: pair.at(-1)!.createdAt.getTime() + THROTTLE_WINDOW_MS, rule: "account×address" });
  if (accountFailures >= ACCOUNT_BACKOFF_FROM && pair.length > 0) {
    waits.push({ until: pair[0]!.createdAt.getTime() + accountBackoffMs(accountFailures), rule: "account" });
  }
  if (addressFailures.length >= ADDRESS_SLOWDOWN_FROM) waits.push({ until: addressFailures[0]!.createdAt.getTime() + ADDRESS_DELAY_MS, rule: "address" });

  const longest = waits.filter((wait) => wait.until > now).sort((a, b) => b.until - a.until)[0];
  return longest ? { allowed: false, retryAfterSeconds: secondsUntil(longest.until, now), rule: longest.rule } : { allowed: true };
}

/** 30 s at 10 failures, doubling with each one more, never more than the window. */
export function accountBackoffMs(failures: number): number {
  if (failures < ACCOUNT_BACKOFF_FROM) return 0;
  return Math.min(THROTTLE_WINDOW_MS, ACCOUNT_BACKOFF_BASE_MS * 2 ** Math.min(20, failures - ACCOUNT_BACKOFF_FROM));
}

/** Would an attempt for this account from this address be allowed now? Reads only. */
export async function checkThrottle(db: Db, scope: string, subject: ThrottleSubject, now = Date.now()): Promise<ThrottleVerdict> {
  return evaluate(db, scope, subject, now);
}

/** A failed attempt (when checking was cheap: claimAttempt counts expensive ones itself). */
export async function recordFailure(db: Db, scope: string, subject: ThrottleSubject, now = Date.now()): Promise<void> {
  await db.authFailure.createMany({ data: rowsFor(scope, subject, new Date(now)) });
  await forgetExpiredFailures(db, now);
}

/** After a success: this account's failures from this address are forgotten (not the account's elsewhere, nor the address's). */
export async function clearFailures(db: Pick<Db, "authFailure">, scope: string, subject: ThrottleSubject): Promise<void> {
  await db.authFailure.deleteMany({ where: { scope: pairScope(scope, subject.address), key: normaliseAccount(subject.account) } });
}

/** Keeps the table small: nothing older than the window matters. */
async function forgetExpiredFailures(db: Db, now: number): Promise<void> {
  await db.authFailure.deleteMany({ where: { createdAt: { lt: new Date(now - THROTTLE_WINDOW_MS) } } });
}

export type AttemptClaim = ThrottleVerdict & {
  /** The attempt was right: it no longer counts, and this account×address starts afresh. */
  succeeded: () => Promise<void>;
  /** The attempt no longer counts (without clearing earlier failures). */
  withdraw: () => Promise<void>;
};

/**
 * Counts an attempt as a failure *before* it is checked, then decides whether it may be
 * checked at all by the failures claimed before it (smaller ids); a refused attempt's rows
 * are removed again. Checking first and recording after the bcrypt comparison (a quarter of
 * a second) let every attempt that arrived meanwhile through: 50 sent at once against one
 * account were all checked. Claimed first, attempts sent together queue in id order, on
 * every instance sharing the database. (On PostgreSQL two inserts committing out of id
 * order in the same instant could let one more through.)
 */
export async function claimAttempt(db: Db, scope: string, subject: ThrottleSubject, now?: number): Promise<AttemptClaim>;
/** @deprecated the password scope, positionally: use claimAttempt(db, PASSWORD_SCOPE, { account, address }). */
export async function claimAttempt(db: Db, account: string, address: string, now?: number): Promise<AttemptClaim>;
export async function claimAttempt(db: Db, scopeOrAccount: string, subjectOrAddress: ThrottleSubject | string, now = Date.now()): Promise<AttemptClaim> {
  const [scope, subject] =
    typeof subjectOrAddress === "string" ? [PASSWORD_SCOPE, { account: scopeOrAccount, address: subjectOrAddress }] : [scopeOrAccount, subjectOrAddress];
  const rows = await db.authFailure.createManyAndReturn({ data: rowsFor(scope, subject, new Date(now)), select: { id: true, scope: true } });
  const ids = rows.map((row) => row.id);
  const idOf = (rowScope: string) => rows.find((row) => row.scope === rowScope)!.id;
  const withdraw = async () => {
    await db.authFailure.deleteMany({ where: { id: { in: ids } } });
  };
  const succeeded = async () => {
    await withdraw();
    await clearFailures(db, scope, subject);
  };
  const verdict = await evaluate(db, scope, subject, now, {
    pair: idOf(pairScope(scope, subject.address)),
    account: idOf(accountScope(scope)),
    address: idOf(addressScope(scope)),
  });
  if (!verdict.allowed) await withdraw();
  else await forgetExpiredFailures(db, now);
  return { ...verdict, withdraw, succeeded };
}

/** An administrator's Unlock: the account's failures in every scope, from every address. */
export async function unlockAccount(db: Pick<Db, "authFailure">, account: string): Promise<void> {
  await db.authFailure.deleteMany({ where: { key: normaliseAccount(account), NOT: { scope: { endsWith: "|address" } } } });
}

/** An administrator's Unlock for an address: its failures, and every account's from it. */
export async function unlockAddress(db: Pick<Db, "authFailure">, address: string): Promise<void> {
  await db.authFailure.deleteMany({ where: { OR: [{ scope: { endsWith: "|address" }, key: address }, { scope: { endsWith: `|pair|${address}` } }] } });
}

/** @deprecated the name unlockAccount had before the redesign. */
export const clearAccountFailures = unlockAccount;

export type ThrottledAccount = { account: string; failures: number; lockedAddresses: number; slowed: boolean; lastFailureAt: Date };
export type ThrottledAddress = { address: string; failures: number; slowed: boolean; lockedAccounts: number; lastFailureAt: Date };

/** Who is held back now, in any scope: for the administrators' security overview. */
export async function throttledNow(db: Db, now = Date.now(), onlyAccount?: string): Promise<{ accounts: ThrottledAccount[]; addresses: ThrottledAddress[] }> {
  const since = new Date(now - THROTTLE_WINDOW_MS);
  const groups = await db.authFailure.groupBy({
    by: ["scope", "key"],
    where: { createdAt: { gt: since }, ...(onlyAccount === undefined ? {} : { key: onlyAccount }) },
    _count: { _all: true },
    _max: { createdAt: true },
  });
  const accounts = new Map<string, ThrottledAccount>();
  const addresses = new Map<string, ThrottledAddress>();
  const accountEntry = (key: string, at: Date) =>
    accounts.get(key) ?? accounts.set(key, { account: key, failures: 0, lockedAddresses: 0, slowed: false, lastFailureAt: at }).get(key)!;
  const addressEntry = (key: string, at: Date) =>
    addresses.get(key) ?? addresses.set(key, { address: key, failures: 0, slowed: false, lockedAccounts: 0, lastFailureAt: at }).get(key)!;
  for (const group of groups) {
    const count = group._count._all;
    const at = group._max.createdAt ?? new Date(now);
    const pair = /\|pair\|(.+)$/.exec(group.scope);
    if (pair && count >= PAIR_FAILURE_LIMIT) {
      accountEntry(group.key, at).lockedAddresses += 1;
      addressEntry(pair[1]!, at).lockedAccounts += 1;
    } else if (group.scope.endsWith("|account")) {
      const entry = accountEntry(group.key, at);
      entry.failures += count;
      if (count >= ACCOUNT_BACKOFF_FROM) entry.slowed = true;
      if (at > entry.lastFailureAt) entry.lastFailureAt = at;
    } else if (group.scope.endsWith("|address")) {
      const entry = addressEntry(group.key, at);
      entry.failures += count;
      if (count >= ADDRESS_SLOWDOWN_FROM) entry.slowed = true;
      if (at > entry.lastFailureAt) entry.lastFailureAt = at;
    }
  }
  const byLast = <T extends { lastFailureAt: Date }>(a: T, b: T) => b.lastFailureAt.getTime() - a.lastFailureAt.getTime();
  return {
    accounts: [...accounts.values()].filter((entry) => entry.lockedAddresses > 0 || entry.slowed).sort(byLast),
    addresses: [...addresses.values()].filter((entry) => entry.lockedAccounts > 0 || entry.slowed).sort(byLast),
  };
}

/** Whether the account is held back anywhere: locked from some address, or slowed. */
export async function isAccountLocked(db: Db, account: string, now = Date.now()): Promise<boolean> {
  const key = normaliseAccount(account);
  const { accounts } = await throttledNow(db, now, key);
  return accounts.some((entry) => entry.account === key);
}
