// The administrators' security overview (/admin): how many accounts and sessions there
// are, who the throttle holds back right now (with Unlock), and sign-ins per day.
import { isIP } from "node:net";
import { recordAudit } from "../audit/audit-log.ts";
import type { Db } from "../db/client.ts";
import { NotFoundError } from "../errors.ts";
import { assertManager, type Caller } from "../identity/caller.ts";
import { normaliseAccount, throttledNow, unlockAccount, unlockAddress, type ThrottledAccount, type ThrottledAddress } from "./throttle.ts";

export const CHART_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

export type SignInDay = { day: string; failed: number; succeeded: number };
export type SecurityOverview = {
  accounts: number;
  activeAccounts: number;
  activeSessions: number;
  throttledAccounts: ThrottledAccount[];
  throttledAddresses: ThrottledAddress[];
  /** The last 30 days (UTC), oldest first, today last; days without sign-ins are zeros. */
  signIns: SignInDay[];
};

const utcDay = (time: number) => new Date(time).toISOString().slice(0, 10);

/** Counts per UTC day; `now`'s day is the last of the 30. */
export function countByDay(events: { action: string; createdAt: Date }[], now: number): SignInDay[] {
  const today = Math.floor(now / DAY_MS) * DAY_MS;
  const days = Array.from({ length: CHART_DAYS }, (_, i) => ({ day: utcDay(today - (CHART_DAYS - 1 - i) * DAY_MS), failed: 0, succeeded: 0 }));
  const index = new Map(days.map((entry, i) => [entry.day, i]));
  for (const event of events) {
    const i = index.get(utcDay(event.createdAt.getTime()));
    if (i === undefined) continue;
    if (event.action === "login.succeeded") days[i]!.succeeded += 1;
    else days[i]!.failed += 1;
  }
  return days;
}

export async function securityOverview(db: Db, caller: Caller, now = Date.now()): Promise<SecurityOverview> {
  assertManager(caller);
  const since = new Date(Math.floor(now / DAY_MS) * DAY_MS - (CHART_DAYS - 1) * DAY_MS);
  const [accounts, activeAccounts, activeSessions, throttled, events] = await Promise.all([
    db.user.count(),
    db.user.count({ where: { active: true } }),
    db.session.count({ where: { expires: { gt: new Date(now) } } }),
    throttledNow(db, now),
    db.auditEvent.findMany({ where: { action: { in: ["login.failed", "login.succeeded"] }, createdAt: { gte: since } }, select: { action: true, createdAt: true } }),
  ]);
  return { accounts, activeAccounts, activeSessions, throttledAccounts: throttled.accounts, throttledAddresses: throttled.addresses, signIns: countByDay(events, now) };
}

/** Unlock from the overview: an account (any email, known or not) in every scope. */
export async function unlockThrottledAccount(db: Db, caller: Caller, account: string, { ip }: { ip: string }): Promise<void> {
  const actor = assertManager(caller);
  const key = normaliseAccount(account);
  if (key.length === 0 || key.length > 254) throw new NotFoundError("No such account is held back.");
  const user = await db.user.findUnique({ where: { email: key }, select: { id: true } });
  await unlockAccount(db, key);
  await recordAudit(db, { action: "staff.unlocked", actor, target: { id: user?.id ?? null, email: key }, ip, details: { from: "overview" } });
}

export async function unlockThrottledAddress(db: Db, caller: Caller, address: string, { ip }: { ip: string }): Promise<void> {
  const actor = assertManager(caller);
  if (address !== "unknown" && !isIP(address)) throw new NotFoundError("No such address is held back.");
  await unlockAddress(db, address);
  await recordAudit(db, { action: "address.unlocked", actor, target: null, ip, details: { address } });
}
