import { describe, expect, it } from "vitest";
import type { Db } from "../db/client.ts";
import { setUpTestDb } from "../testing/set-up-test-db.ts";
import {
  checkThrottle,
  claimAttempt,
  clearAccountFailures,
  isAccountLocked,
  MAX_FAILURES_PER_ACCOUNT,
  MAX_FAILURES_PER_IP,
  recordFailure,
  THROTTLE_WINDOW_MS,
} from "./throttle.ts";

describe("throttle", () => {
  let db: Db;
  setUpTestDb("each", (fresh) => {
    db = fresh;
  });

  it("uses the documented limits: 5 per account, 50 per address, in 15 minutes", () => {
    expect(MAX_FAILURES_PER_ACCOUNT).toBe(5);
    expect(MAX_FAILURES_PER_IP).toBe(50);
    expect(THROTTLE_WINDOW_MS).toBe(15 * 60 * 1000);
  });

  it("allows 4 failures for an account and refuses after the 5th, saying when to retry", async () => {
    for (let i = 0; i < 4; i++) await recordFailure(db, "jo@school.org", `198.51.100.${i}`);
    expect(await checkThrottle(db, "jo@school.org", "203.0.113.1")).toEqual({ allowed: true });
    await recordFailure(db, "jo@school.org", "198.51.100.9");
    const verdict = await checkThrottle(db, "jo@school.org", "203.0.113.1");
    expect(verdict.allowed).toBe(false);
    if (verdict.allowed) return;
    expect(verdict.retryAfterSeconds).toBeGreaterThan(0);
    expect(verdict.retryAfterSeconds).toBeLessThanOrEqual(15 * 60);
  });

  it("locks one account, not its neighbours", async () => {
    for (let i = 0; i < 5; i++) await recordFailure(db, "jo@school.org", `198.51.100.${i}`);
    expect((await checkThrottle(db, "ann@school.org", "203.0.113.1")).allowed).toBe(true);
    expect(await isAccountLocked(db, "jo@school.org")).toBe(true);
    expect(await isAccountLocked(db, "ann@school.org")).toBe(false);
  });

  it("does not count failures older than 15 minutes", async () => {
    const old = new Date(Date.now() - THROTTLE_WINDOW_MS - 60_000);
    await db.authFailure.createMany({
      data: Array.from({ length: 10 }, () => ({ scope: "account", key: "jo@school.org", createdAt: old })),
    });
    expect(await checkThrottle(db, "jo@school.org", "203.0.113.1")).toEqual({ allowed: true });
    expect(await isAccountLocked(db, "jo@school.org")).toBe(false);
  });

  it("answers with the time until the oldest counted failure leaves the window", async () => {
    const now = Date.now();
    const tenMinutesAgo = new Date(now - 10 * 60 * 1000);
    await db.authFailure.createMany({
      data: Array.from({ length: 5 }, () => ({ scope: "account", key: "jo@school.org", createdAt: tenMinutesAgo })),
    });
    const verdict = await checkThrottle(db, "jo@school.org", "203.0.113.1", now);
    expect(verdict).toEqual({ allowed: false, retryAfterSeconds: 5 * 60 });
    // Once those have aged out, the account is free again.
    expect(await checkThrottle(db, "jo@school.org", "203.0.113.1", now + 5 * 60 * 1000 + 1)).toEqual({ allowed: true });
  });

  it("refuses an address after 50 failures, whichever accounts they were for", async () => {
    const createdAt = new Date();
    await db.authFailure.createMany({
      data: Array.from({ length: 49 }, () => ({ scope: "ip", key: "203.0.113.66", createdAt })),
    });
    expect((await checkThrottle(db, "new@school.org", "203.0.113.66")).allowed).toBe(true);
    await recordFailure(db, "someone@school.org", "203.0.113.66");
    const verdict = await checkThrottle(db, "new@school.org", "203.0.113.66");
    expect(verdict.allowed).toBe(false);
    // Other addresses may still try that account.
    expect((await checkThrottle(db, "new@school.org", "203.0.113.67")).allowed).toBe(true);
  });

  it("clears an account's failures but keeps the address's count", async () => {
    for (let i = 0; i < 5; i++) await recordFailure(db, "jo@school.org", "203.0.113.66");
    await clearAccountFailures(db, "jo@school.org");
    expect(await isAccountLocked(db, "jo@school.org")).toBe(false);
    expect(await db.authFailure.count({ where: { scope: "ip", key: "203.0.113.66" } })).toBe(5);
    expect(await db.authFailure.count({ where: { scope: "account" } })).toBe(0);
  });

  it("counts an attempt before it is checked, by the attempts claimed before it", async () => {
    const claims = [];
    for (let i = 0; i < 6; i++) claims.push(await claimAttempt(db, "jo@school.org", `198.51.100.${i}`));
    expect(claims.map((claim) => claim.allowed)).toEqual([true, true, true, true, true, false]);
    // The refused attempt left nothing behind; the five in flight count as failures.
    expect(await db.authFailure.count({ where: { scope: "account", key: "jo@school.org" } })).toBe(5);
    // One of them turns out to be right: it no longer counts, against the account or the address.
    await claims[0]!.withdraw();
    expect(await db.authFailure.count({ where: { scope: "account", key: "jo@school.org" } })).toBe(4);
    expect(await db.authFailure.count({ where: { scope: "ip", key: "198.51.100.0" } })).toBe(0);
    expect((await claimAttempt(db, "jo@school.org", "198.51.100.9")).allowed).toBe(true);
  });

  it("removes failures that have left the window when recording a new one", async () => {
    const old = new Date(Date.now() - THROTTLE_WINDOW_MS - 1000);
    await db.authFailure.create({ data: { scope: "account", key: "old@school.org", createdAt: old } });
    await recordFailure(db, "jo@school.org", "203.0.113.1");
    expect(await db.authFailure.count({ where: { key: "old@school.org" } })).toBe(0);
    expect(await db.authFailure.count()).toBe(2);
  });
});
