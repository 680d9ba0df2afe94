import { afterEach, describe, expect, it, vi } from "vitest";
import type { Db } from "../db/client.ts";
import { newStaff } from "../testing/people.ts";
import { setUpTestDb } from "../testing/set-up-test-db.ts";
import { authenticate } from "./credentials.ts";
import { hashCost, hashPassword, verifyPassword } from "./password.ts";

const PASSWORD = "violet-harbour-91";

let db: Db;
setUpTestDb("each", (fresh) => {
  db = fresh;
});

async function addStaff(email: string, options: { active?: boolean; roles?: string[] } = {}) {
  return newStaff(db, { email, firstName: "Jo", lastName: "Bloggs", password: PASSWORD, ...options });
}

async function auditOf(action: string) {
  return db.auditEvent.findMany({ where: { action }, orderBy: { id: "asc" } });
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("authenticate", () => {
  it("lets in the right email and password, whatever the email's case and spaces", async () => {
    const staff = await addStaff("jo@school.org", { roles: ["admin", "staff"] });
    const result = await authenticate(db, { email: "  Jo@School.ORG ", password: PASSWORD, ip: "192.0.2.1", channel: "login" });
    expect(result).toEqual({
      ok: true,
      user: { id: staff.id, email: "jo@school.org", firstName: "Jo", lastName: "Bloggs", username: null, roles: ["admin", "staff"], isAdmin: true },
    });
  });

  it("tracks logins: count, and the current login becomes the last one at the next login", async () => {
    const staff = await addStaff("jo@school.org");
    const tracked = () =>
      db.user.findUniqueOrThrow({
        where: { id: staff.id },
        select: { loginCount: true, currentLoginAt: true, currentLoginIp: true, lastLoginAt: true, lastLoginIp: true },
      });
    expect(await tracked()).toEqual({ loginCount: 0, currentLoginAt: null, currentLoginIp: null, lastLoginAt: null, lastLoginIp: null });

    await authenticate(db, { email: "jo@school.org", password: PASSWORD, ip: "192.0.2.1", channel: "login" });
    const first = await tracked();
    expect(first).toMatchObject({ loginCount: 1, currentLoginIp: "192.0.2.1", lastLoginAt: null, lastLoginIp: null });
    expect(first.currentLoginAt).toBeInstanceOf(Date);

    await authenticate(db, { email: "jo@school.org", password: PASSWORD, ip: "198.51.100.2", channel: "token" });
    const second = await tracked();
    expect(second).toMatchObject({ loginCount: 2, currentLoginIp: "198.51.100.2", lastLoginIp: "192.0.2.1", lastLoginAt: first.currentLoginAt });
    expect(second.currentLoginAt!.getTime()).toBeGreaterThanOrEqual(first.currentLoginAt!.getTime());
  });

  it("writes login.succeeded with the channel and address", async () => {
    const staff = await addStaff("jo@school.org");
    await authenticate(db, { email: "jo@school.org", password: PASSWORD, ip: "192.0.2.1", channel: "login" });
    const [entry, ...more] = await auditOf("login.succeeded");
    expect(more).toEqual([]);
    expect(entry).toMatchObject({ actorId: staff.id, targetId: staff.id, targetEmail: "jo@school.org", ip: "192.0.2.1" });
    expect(JSON.parse(entry!.details)).toEqual({ channel: "login" });
  });

  it("answers a wrong password and an unknown email alike, and audits both with the email as typed", async () => {
    const staff = await addStaff("jo@school.org");
    const wrong = await authenticate(db, { email: "Jo@School.org", password: "violet-harbour-92", ip: "192.0.2.1", channel: "login" });
    const unknown = await authenticate(db, { email: "Nobody@School.org", password: PASSWORD, ip: "192.0.2.1", channel: "login" });
    expect(wrong).toEqual({ ok: false, reason: "invalid" });
    expect(unknown).toEqual(wrong);

    const failures = await auditOf("login.failed");
    expect(failures.map((entry) => [entry.targetId, entry.targetEmail, entry.actorId, entry.ip])).toEqual([
      [staff.id, "Jo@School.org", null, "192.0.2.1"],
      [null, "Nobody@School.org", null, "192.0.2.1"],
    ]);
    expect(failures.map((entry) => JSON.parse(entry.details))).toEqual([{ channel: "login" }, { channel: "login" }]);
    expect(await auditOf("login.succeeded")).toEqual([]);
    expect((await db.user.findUniqueOrThrow({ where: { id: staff.id } })).loginCount).toBe(0);
  });

  it("refuses inactive staff even with the right password, and the audit log says why", async () => {
    await addStaff("jo@school.org", { active: false });
    expect(await authenticate(db, { email: "jo@school.org", password: PASSWORD, ip: "192.0.2.1", channel: "login" })).toEqual({ ok: false, reason: "invalid" });
    const [entry] = await auditOf("login.failed");
    expect(JSON.parse(entry!.details)).toEqual({ channel: "login", reason: "inactive" });
  });

  it("after 5 failures from one address that address gets 429 even for the right password; the owner elsewhere gets in", async () => {
    await addStaff("jo@school.org");
    for (let i = 0; i < 5; i++) {
      expect(await authenticate(db, { email: i % 2 ? "JO@school.org" : "jo@school.org", password: `wrong-${i}`, ip: "192.0.2.1", channel: "login" })).toEqual({ ok: false, reason: "invalid" });
    }
    const result = await authenticate(db, { email: "jo@school.org", password: PASSWORD, ip: "192.0.2.1", channel: "login" });
    expect(result).toMatchObject({ ok: false, reason: "throttled" });
    if (result.ok || result.reason !== "throttled") return;
    expect(result.retryAfterSeconds).toBeGreaterThan(0);
    expect(result.retryAfterSeconds).toBeLessThanOrEqual(15 * 60);
    // A throttled attempt is not checked, so it neither logs in nor counts as a login.
    expect(await auditOf("login.succeeded")).toEqual([]);
    expect((await authenticate(db, { email: "jo@school.org", password: PASSWORD, ip: "203.0.113.9", channel: "login" })).ok, "from another address").toBe(true);
  });

  it("audits throttled attempts once per burst, not once per request", async () => {
    await addStaff("jo@school.org");
    for (let i = 0; i < 5; i++) await authenticate(db, { email: "jo@school.org", password: "nope", ip: "192.0.2.1", channel: "login" });
    for (let i = 0; i < 10; i++) {
      expect(await authenticate(db, { email: i % 2 ? "JO@school.org" : "jo@school.org", password: "nope", ip: "192.0.2.1", channel: "token" })).toMatchObject({ reason: "throttled" });
    }
    const entries = await auditOf("login.throttled");
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ targetEmail: "jo@school.org", ip: "192.0.2.1" });
    expect(JSON.parse(entries[0]!.details)).toMatchObject({ channel: "token", rule: "account×address" });
  });

  it("checks at most 5 of many wrong passwords sent at once for one account from one address", async () => {
    // The reliability suite's login attack found this: checking the limit first and
    // recording the failure after bcrypt let every attempt that arrived together through.
    await addStaff("jo@school.org");
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => authenticate(db, { email: "jo@school.org", password: `wrong-${i}`, ip: "192.0.2.1", channel: "token" })),
    );
    const checked = results.filter((result) => !result.ok && result.reason === "invalid").length;
    expect(checked).toBe(5);
    expect(results.filter((result) => !result.ok && result.reason === "throttled")).toHaveLength(20 - checked);
    expect(await auditOf("login.failed")).toHaveLength(checked);
    expect(await db.authFailure.count({ where: { scope: "password|account", key: "jo@school.org" } })).toBe(checked);
  });

  it("guesses from many addresses slow the account down for each of them, never for a new address", async () => {
    await addStaff("jo@school.org");
    for (let i = 0; i < 10; i++) await authenticate(db, { email: "jo@school.org", password: "nope", ip: `192.0.2.${i}`, channel: "token" });
    expect(await authenticate(db, { email: "jo@school.org", password: "nope", ip: "192.0.2.3", channel: "token" })).toMatchObject({ ok: false, reason: "throttled" });
    expect((await authenticate(db, { email: "jo@school.org", password: PASSWORD, ip: "198.51.100.200", channel: "login" })).ok).toBe(true);
  });

  it("checks at most 50 of many wrong passwords sent at once from one address", async () => {
    const results = await Promise.all(
      Array.from({ length: 70 }, (_, i) => authenticate(db, { email: `guess-${i}@school.org`, password: "wrong", ip: "203.0.113.7", channel: "token" })),
    );
    const checked = results.filter((result) => !result.ok && result.reason === "invalid").length;
    expect(checked).toBe(50);
    expect(await db.authFailure.count({ where: { scope: "password|address", key: "203.0.113.7" } })).toBe(checked);
  });

  it("forgets the account's failures from that address after a successful login there", async () => {
    await addStaff("jo@school.org");
    for (let i = 0; i < 4; i++) await authenticate(db, { email: "jo@school.org", password: "nope", ip: "192.0.2.1", channel: "login" });
    expect((await authenticate(db, { email: "jo@school.org", password: PASSWORD, ip: "192.0.2.1", channel: "login" })).ok).toBe(true);
    for (let i = 0; i < 4; i++) await authenticate(db, { email: "jo@school.org", password: "nope", ip: "192.0.2.1", channel: "login" });
    expect((await authenticate(db, { email: "jo@school.org", password: PASSWORD, ip: "192.0.2.1", channel: "login" })).ok).toBe(true);
  });

  it("upgrades a hash made at a lower cost when its owner logs in", async () => {
    const staff = await addStaff("jo@school.org");
    await db.password.update({ where: { userId: staff.id }, data: { hash: await hashPassword(PASSWORD, 4) } });
    vi.stubEnv("BCRYPT_COST", "5");
    expect((await authenticate(db, { email: "jo@school.org", password: PASSWORD, ip: "192.0.2.1", channel: "login" })).ok).toBe(true);
    const { hash } = await db.password.findUniqueOrThrow({ where: { userId: staff.id } });
    expect(hashCost(hash)).toBe(5);
    expect(await verifyPassword(PASSWORD, hash)).toBe(true);
  });

  it("does not re-hash after a failed attempt", async () => {
    const staff = await addStaff("jo@school.org");
    const before = (await db.password.findUniqueOrThrow({ where: { userId: staff.id } })).hash;
    vi.stubEnv("BCRYPT_COST", "5");
    await authenticate(db, { email: "jo@school.org", password: "nope", ip: "192.0.2.1", channel: "login" });
    expect((await db.password.findUniqueOrThrow({ where: { userId: staff.id } })).hash).toBe(before);
  });

  it("does not count HTTP Basic requests as logins, but still throttles and audits their failures", async () => {
    const staff = await addStaff("jo@school.org");
    expect((await authenticate(db, { email: "jo@school.org", password: PASSWORD, ip: "192.0.2.1", channel: "basic" })).ok).toBe(true);
    expect((await db.user.findUniqueOrThrow({ where: { id: staff.id } })).loginCount).toBe(0);
    expect(await auditOf("login.succeeded")).toEqual([]);

    await authenticate(db, { email: "jo@school.org", password: "nope", ip: "192.0.2.1", channel: "basic" });
    const [failure] = await auditOf("login.failed");
    expect(JSON.parse(failure!.details)).toEqual({ channel: "basic" });
    expect(await db.authFailure.count({ where: { scope: "password|account", key: "jo@school.org" } })).toBe(1);
  });
});
