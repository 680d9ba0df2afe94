import { generate } from "otplib";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Db } from "../../db/client.ts";
import { asCaller, newAdmin, newStaff } from "../../testing/people.ts";
import { setUpTestDb } from "../../testing/set-up-test-db.ts";
import { startSession } from "../sessions.ts";
import { openTotpSecret } from "./totp.ts";
import { disableTwoFactor, enableTwoFactor, getTwoFactorStatus, hasTwoFactor, replaceRecoveryCodes, resetTwoFactor, startTwoFactorSetup, consumeSecondFactor } from "./two-factor-service.ts";

let db: Db;
setUpTestDb("each", (fresh) => {
  db = fresh;
});

beforeEach(() => {
  vi.stubEnv("AUTH_SECRET", "unit-test-auth-secret-0123456789abcdef");
});

const IP = "192.0.2.10";

async function secretOf(userId: string): Promise<string> {
  const row = await db.twoFactor.findUniqueOrThrow({ where: { userId } });
  return openTotpSecret(row.secret, userId);
}

async function personWithTwoFactor() {
  const person = asCaller(await newStaff(db));
  await startTwoFactorSetup(db, person);
  const secret = await secretOf(person.id);
  const now = Math.floor(Date.now() / 1000);
  const enabled = await enableTwoFactor(db, person, await generate({ secret, epoch: now }), IP);
  if (!enabled.ok) throw new Error("could not turn two-factor on");
  return { person, secret, now, recoveryCodes: enabled.recoveryCodes };
}

describe("two-factor service", () => {
  it("stores the secret encrypted, and turns on only with a right code", async () => {
    const person = asCaller(await newStaff(db));
    await startTwoFactorSetup(db, person);
    const status = await getTwoFactorStatus(db, person);
    expect(status.state).toBe("setting-up");
    const secret = await secretOf(person.id);
    expect((await db.twoFactor.findUniqueOrThrow({ where: { userId: person.id } })).secret).not.toContain(secret);
    expect(await enableTwoFactor(db, person, "000000", IP)).toEqual({ ok: false, reason: "invalid" });
    expect(await hasTwoFactor(db, person.id)).toBe(false);
    const enabled = await enableTwoFactor(db, person, await generate({ secret }), IP);
    expect(enabled.ok && enabled.recoveryCodes).toHaveLength(10);
    expect(await hasTwoFactor(db, person.id)).toBe(true);
  });

  it("accepts each time step once (the code that turned it on cannot log in)", async () => {
    const { person, secret, now } = await personWithTwoFactor();
    const sameStep = await generate({ secret, epoch: now });
    expect(await consumeSecondFactor(db, person.id, sameStep, IP, now * 1000)).toEqual({ ok: false, reason: "invalid" });
    const nextStep = await generate({ secret, epoch: now + 30 });
    expect(await consumeSecondFactor(db, person.id, nextStep, IP, now * 1000)).toEqual({ ok: true, kind: "totp" });
    expect(await consumeSecondFactor(db, person.id, nextStep, IP, now * 1000)).toEqual({ ok: false, reason: "invalid" });
  });

  it("two requests racing with one code: only one wins", async () => {
    const { person, secret, now } = await personWithTwoFactor();
    const code = await generate({ secret, epoch: now + 30 });
    const results = await Promise.all([1, 2, 3].map(() => consumeSecondFactor(db, person.id, code, IP, now * 1000)));
    expect(results.filter((result) => result.ok)).toHaveLength(1);
  });

  it("stores recovery codes only as hashes; each works once; new ones replace them all", async () => {
    const { person, recoveryCodes } = await personWithTwoFactor();
    const stored = await db.recoveryCode.findMany({ where: { userId: person.id } });
    expect(stored).toHaveLength(10);
    for (const row of stored) for (const code of recoveryCodes) expect(row.codeHash).not.toContain(code.replaceAll("-", ""));
    expect(await consumeSecondFactor(db, person.id, recoveryCodes[0]!.toUpperCase(), IP)).toEqual({ ok: true, kind: "recovery" });
    expect(await consumeSecondFactor(db, person.id, recoveryCodes[0]!, IP)).toEqual({ ok: false, reason: "invalid" });
    const fresh = await replaceRecoveryCodes(db, person, IP);
    expect(await consumeSecondFactor(db, person.id, recoveryCodes[1]!, IP)).toEqual({ ok: false, reason: "invalid" });
    expect(await consumeSecondFactor(db, person.id, fresh[0]!, IP)).toEqual({ ok: true, kind: "recovery" });
  });

  it("throttles wrong codes like passwords", async () => {
    const { person, secret, now } = await personWithTwoFactor();
    for (let i = 0; i < 5; i++) expect((await consumeSecondFactor(db, person.id, "000000", IP)).ok).toBe(false);
    const right = await generate({ secret, epoch: now + 30 });
    expect(await consumeSecondFactor(db, person.id, right, IP, now * 1000)).toMatchObject({ ok: false, reason: "throttled" });
  });

  it("turning off removes the secret and the codes", async () => {
    const { person } = await personWithTwoFactor();
    await disableTwoFactor(db, person, IP);
    expect(await hasTwoFactor(db, person.id)).toBe(false);
    expect(await db.recoveryCode.count({ where: { userId: person.id } })).toBe(0);
  });

  it("an administrator's reset removes everything and ends the sessions, audited; others may not", async () => {
    const { person } = await personWithTwoFactor();
    await startSession(db, person.id, false);
    await db.passkey.create({ data: { id: "credential-of-the-person", userId: person.id, name: "Phone", publicKey: "AQID" } });
    await expect(resetTwoFactor(db, person, person.id)).rejects.toThrow(/administrators/i);
    const admin = asCaller(await newAdmin(db));
    await resetTwoFactor(db, admin, person.id, { ip: IP });
    expect(await hasTwoFactor(db, person.id)).toBe(false);
    expect(await db.passkey.count({ where: { userId: person.id } })).toBe(0);
    expect(await db.session.count({ where: { userId: person.id } })).toBe(0);
    expect(await db.auditEvent.count({ where: { action: "two_factor.reset", targetId: person.id, actorId: admin.id } })).toBe(1);
  });
});
