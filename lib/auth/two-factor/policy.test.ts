import { describe, expect, it } from "vitest";
import type { Db } from "../../db/client.ts";
import { asCaller, newAdmin, newStaff } from "../../testing/people.ts";
import { setUpTestDb } from "../../testing/set-up-test-db.ts";
import { getTwoFactorPolicy, needsTwoFactorSetup, policyCovers, setTwoFactorPolicy } from "./policy.ts";

let db: Db;
setUpTestDb("each", (fresh) => {
  db = fresh;
});

describe("the two-factor policy", () => {
  it("covers nobody, administrators or everyone", () => {
    expect(policyCovers("nobody", { isAdmin: true })).toBe(false);
    expect(policyCovers("admins", { isAdmin: true })).toBe(true);
    expect(policyCovers("admins", { isAdmin: false })).toBe(false);
    expect(policyCovers("everyone", { isAdmin: false })).toBe(true);
  });

  it("is Nobody until an administrator changes it, which is audited; others may not", async () => {
    expect(await getTwoFactorPolicy(db)).toBe("nobody");
    const admin = asCaller(await newAdmin(db));
    const staff = asCaller(await newStaff(db));
    await expect(setTwoFactorPolicy(db, staff, "everyone")).rejects.toThrow();
    await setTwoFactorPolicy(db, admin, "admins", { ip: "192.0.2.1" });
    expect(await getTwoFactorPolicy(db)).toBe("admins");
    expect(await needsTwoFactorSetup(db, admin)).toBe(true);
    expect(await needsTwoFactorSetup(db, staff)).toBe(false);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "settings.changed" } });
    expect(JSON.parse(audit.details)).toEqual({ twoFactorPolicy: { from: "nobody", to: "admins" } });
  });
});
