import { describe, expect, it } from "vitest";
import type { Db } from "../db/client.ts";
import { setUpTestDb } from "../testing/set-up-test-db.ts";
import {
  ACCOUNT_BACKOFF_FROM,
  accountBackoffMs,
  ADDRESS_DELAY_MS,
  ADDRESS_SLOWDOWN_FROM,
  checkThrottle,
  claimAttempt,
  clearFailures,
  isAccountLocked,
  PAIR_FAILURE_LIMIT,
  PASSWORD_SCOPE,
  recordFailure,
  THROTTLE_WINDOW_MS,
  throttledNow,
  unlockAccount,
  unlockAddress,
} from "./throttle.ts";

const S = PASSWORD_SCOPE;
const JO = "jo@school.org";
const at = (address: string, account = JO) => ({ account, address });

describe("throttle", () => {
  let db: Db;
  setUpTestDb("each", (fresh) => {
    db = fresh;
  });
  const fail = async (count: number, subject: (i: number) => { account: string; address: string }, now = Date.now()) => {
    for (let i = 0; i < count; i++) await recordFailure(db, S, subject(i), now);
  };

  it("uses the documented limits", () => {
    expect(PAIR_FAILURE_LIMIT).toBe(5);
    expect(ACCOUNT_BACKOFF_FROM).toBe(10);
    expect(ADDRESS_SLOWDOWN_FROM).toBe(50);
    expect(ADDRESS_DELAY_MS).toBe(10_000);
    expect(THROTTLE_WINDOW_MS).toBe(15 * 60 * 1000);
  });

  it("account × address: 5 failures from one address hold back that address only, until the oldest leaves the window", async () => {
    const now = Date.now();
    await fail(4, () => at("198.51.100.1"), now - 60_000);
    expect((await checkThrottle(db, S, at("198.51.100.1"), now)).allowed).toBe(true);
    await fail(1, () => at("198.51.100.1"), now);
    const verdict = await checkThrottle(db, S, at("198.51.100.1"), now);
    expect(verdict).toEqual({ allowed: false, retryAfterSeconds: (THROTTLE_WINDOW_MS - 60_000) / 1000, rule: "account×address" });
    expect((await checkThrottle(db, S, at("203.0.113.9"), now)).allowed, "the owner elsewhere").toBe(true);
    expect((await checkThrottle(db, S, at("198.51.100.1"), now + THROTTLE_WINDOW_MS - 59_000)).allowed, "after the window").toBe(true);
  });

  it("email case and Unicode form variants are one account", async () => {
    await fail(5, (i) => at("198.51.100.1", ["JO@school.org", "jo@SCHOOL.org", " jo@school.org ", "Jo@School.Org", JO][i]!));
    expect((await checkThrottle(db, S, at("198.51.100.1"))).allowed).toBe(false);
    const decomposed = "jose\u0301@school.org";
    await fail(5, () => at("198.51.100.2", decomposed));
    expect((await checkThrottle(db, S, at("198.51.100.2", "jos\u00e9@school.org"))).allowed).toBe(false);
  });

  it("account: from 10 failures anywhere, addresses that failed for it back off (30 s, doubling); a clean address is let through", async () => {
    const now = Date.now();
    await fail(10, (i) => at(`198.51.100.${i}`), now - 1000);
    const guesser = await checkThrottle(db, S, at("198.51.100.3"), now);
    expect(guesser).toEqual({ allowed: false, retryAfterSeconds: 29, rule: "account" });
    expect((await checkThrottle(db, S, at("203.0.113.50"), now)).allowed, "an address with no failure for the account").toBe(true);
    expect(accountBackoffMs(9)).toBe(0);
    expect(accountBackoffMs(10)).toBe(30_000);
    expect(accountBackoffMs(11)).toBe(60_000);
    expect(accountBackoffMs(100)).toBe(THROTTLE_WINDOW_MS);
  });

  it("address: from 50 failures (any accounts) an address is slowed to one attempt per 10 s, not shut", async () => {
    const now = Date.now();
    await fail(50, (i) => at("198.51.100.7", `person${i}@school.org`), now - 2000);
    const verdict = await checkThrottle(db, S, at("198.51.100.7", "teacher@school.org"), now);
    expect(verdict).toEqual({ allowed: false, retryAfterSeconds: 8, rule: "address" });
    expect((await checkThrottle(db, S, at("198.51.100.7", "teacher@school.org"), now + 8000)).allowed).toBe(true);
  });

  it("scopes are separate: two-factor guesses do not lock the password", async () => {
    await fail(5, () => at("198.51.100.1"));
    expect((await checkThrottle(db, "two-factor", at("198.51.100.1"))).allowed).toBe(true);
  });

  it("claims attempts before checking: of 20 sent at once for one account × address, 5 are checked", async () => {
    const claims = await Promise.all(Array.from({ length: 20 }, () => claimAttempt(db, S, at("198.51.100.1"))));
    expect(claims.filter((claim) => claim.allowed)).toHaveLength(5);
    const refused = claims.find((claim) => !claim.allowed);
    expect(refused && !refused.allowed && refused.retryAfterSeconds).toBeGreaterThan(0);
    // Refused claims take their rows back: only the 5 checked ones count.
    expect(await db.authFailure.count({ where: { scope: { startsWith: `${S}|pair|` } } })).toBe(5);
  });

  it("a success forgets this account × address only; the address and the account elsewhere keep theirs", async () => {
    await fail(4, () => at("198.51.100.1"));
    await fail(4, () => at("198.51.100.2"));
    const claim = await claimAttempt(db, S, at("198.51.100.1"));
    expect(claim.allowed).toBe(true);
    await claim.succeeded();
    expect(await db.authFailure.count({ where: { scope: `${S}|pair|198.51.100.1` } })).toBe(0);
    expect(await db.authFailure.count({ where: { scope: `${S}|pair|198.51.100.2` } })).toBe(4);
    expect(await db.authFailure.count({ where: { scope: `${S}|address`, key: "198.51.100.1" } })).toBe(4);
    await clearFailures(db, S, at("198.51.100.2"));
    expect(await db.authFailure.count({ where: { scope: `${S}|pair|198.51.100.2` } })).toBe(0);
  });

  it("the positional form is the password scope (for callers written before the redesign)", async () => {
    const claim = await claimAttempt(db, JO, "198.51.100.1");
    expect(claim.allowed).toBe(true);
    expect(await db.authFailure.count({ where: { scope: `${S}|pair|198.51.100.1`, key: JO } })).toBe(1);
  });

  it("lists who is held back, and an administrator's unlock lifts it for an account or an address", async () => {
    await fail(5, () => at("198.51.100.1"));
    await fail(50, (i) => at("198.51.100.7", `person${i}@school.org`));
    const held = await throttledNow(db);
    expect(held.accounts.map((entry) => [entry.account, entry.lockedAddresses, entry.slowed])).toEqual([[JO, 1, false]]);
    expect(held.addresses.map((entry) => [entry.address, entry.slowed]).sort()).toEqual([["198.51.100.1", false], ["198.51.100.7", true]]);
    expect(await isAccountLocked(db, "JO@school.org")).toBe(true);

    await unlockAccount(db, "JO@School.org");
    expect(await isAccountLocked(db, JO)).toBe(false);
    expect((await checkThrottle(db, S, at("198.51.100.1"))).allowed).toBe(true);
    await unlockAddress(db, "198.51.100.7");
    expect((await checkThrottle(db, S, at("198.51.100.7", "teacher@school.org"))).allowed).toBe(true);
    expect(await throttledNow(db)).toEqual({ accounts: [], addresses: [] });
  });
});
